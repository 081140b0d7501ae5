;; ReLU's gradient in one pass, in WebAssembly SIMD: dx = dy where x > 0, else 0, four floats at
;; a time (TF.js composes it of Step, Cast and Multiply: three kernels, two passes and a scratch
;; tensor). NaN in x gives 0, as Step's NaN times dy does not: no finite training step meets one.
;; scripts/build-wasm.mjs assembles this file into relu-grad-wasm.ts, as bn-simd.wat.
(module
  (import "env" "memory" (memory 0 (;MEMORY;)))

  ;; dx[i] = x[i] > 0 ? dy[i] : 0 for i < n; byte offsets, n a multiple of 4 (relu-grad.ts does
  ;; the rest).
  (func (export "reluGrad") (param $dy i32) (param $x i32) (param $n i32) (param $dx i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $dy) (i32.shl (local.get $n) (i32.const 2))))
    (if (i32.ge_u (local.get $dy) (local.get $end)) (then (return)))
    (loop $each
      (v128.store (local.get $dx)
        (v128.and (v128.load (local.get $dy))
          (f32x4.gt (v128.load (local.get $x)) (v128.const f32x4 0 0 0 0))))
      (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $dx (i32.add (local.get $dx) (i32.const 16)))
      (br_if $each (i32.lt_u (local.get $dy) (local.get $end))))))
