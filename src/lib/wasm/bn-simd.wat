;; BatchNorm's passes over a whole tensor, in WebAssembly SIMD, four channels at a time.
;;
;; These are the O(N·H·W·C) loops of bn-math.ts; the per-channel arithmetic (means, 1/√(var + ε),
;; moving averages) stays in TypeScript, where it costs O(C). The module imports the memory of
;; TF.js's WASM backend and works on its tensors where they lie, so nothing is copied. Every
;; pointer is a byte offset into that memory; every tensor is channels-last, `rows` rows of `c`
;; float32 values, and `c` is a multiple of 4 (bn-simd.ts runs other counts in plain loops).
;;
;; Sums are accumulated in float64, two lanes per f64x2, as the plain loops and TF.js's CPU
;; backend do: a float32 sum over 32,768 rows would drift past the 1e-4 the kernels are tested to.
;; Accumulators are f64[c] arrays in memory, which the caller zeroes: a row of up to a few hundred
;; channels stays in L1 between rows.
;;
;; scripts/build-wasm.mjs assembles this file into bn-simd-wasm.ts (twice: once importing a
;; plain memory, once a shared one, as TF.js's threaded build uses); a unit test checks that the
;; bytes there are this file's.
(module
  (import "env" "memory" (memory 0 (;MEMORY;)))

  ;; The high two float32 lanes of $v, moved low so promote_low widens them.
  (func $high (param $v v128) (result v128)
    (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))

  ;; acc[j] += x[r, j] for every row r.
  (func (export "sum") (param $x i32) (param $rows i32) (param $c i32) (param $acc i32)
    (local $end i32) (local $k i32) (local $rowBytes i32) (local $v v128) (local $a i32)
    (local.set $rowBytes (i32.shl (local.get $c) (i32.const 2)))
    (local.set $end (i32.add (local.get $x) (i32.mul (local.get $rows) (local.get $rowBytes))))
    (if (i32.ge_u (local.get $x) (local.get $end)) (then (return)))
    (loop $each
      (local.set $v (v128.load (local.get $x)))
      (local.set $a (i32.add (local.get $acc) (i32.shl (local.get $k) (i32.const 1))))
      (v128.store (local.get $a)
        (f64x2.add (v128.load (local.get $a)) (f64x2.promote_low_f32x4 (local.get $v))))
      (v128.store offset=16 (local.get $a)
        (f64x2.add (v128.load offset=16 (local.get $a))
          (f64x2.promote_low_f32x4 (call $high (local.get $v)))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $k (i32.add (local.get $k) (i32.const 16)))
      (if (i32.eq (local.get $k) (local.get $rowBytes)) (then (local.set $k (i32.const 0))))
      (br_if $each (i32.lt_u (local.get $x) (local.get $end)))))

  ;; acc[j] += (x[r, j] − mean[j])² for every row r, in float64 (mean is float32[c]).
  (func (export "sumSquaredDeviations")
    (param $x i32) (param $rows i32) (param $c i32) (param $mean i32) (param $acc i32)
    (local $end i32) (local $k i32) (local $rowBytes i32) (local $v v128) (local $m v128)
    (local $d v128) (local $a i32)
    (local.set $rowBytes (i32.shl (local.get $c) (i32.const 2)))
    (local.set $end (i32.add (local.get $x) (i32.mul (local.get $rows) (local.get $rowBytes))))
    (if (i32.ge_u (local.get $x) (local.get $end)) (then (return)))
    (loop $each
      (local.set $v (v128.load (local.get $x)))
      (local.set $m (v128.load (i32.add (local.get $mean) (local.get $k))))
      (local.set $a (i32.add (local.get $acc) (i32.shl (local.get $k) (i32.const 1))))
      (local.set $d (f64x2.sub (f64x2.promote_low_f32x4 (local.get $v))
                               (f64x2.promote_low_f32x4 (local.get $m))))
      (v128.store (local.get $a)
        (f64x2.add (v128.load (local.get $a)) (f64x2.mul (local.get $d) (local.get $d))))
      (local.set $d (f64x2.sub (f64x2.promote_low_f32x4 (call $high (local.get $v)))
                               (f64x2.promote_low_f32x4 (call $high (local.get $m)))))
      (v128.store offset=16 (local.get $a)
        (f64x2.add (v128.load offset=16 (local.get $a)) (f64x2.mul (local.get $d) (local.get $d))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $k (i32.add (local.get $k) (i32.const 16)))
      (if (i32.eq (local.get $k) (local.get $rowBytes)) (then (local.set $k (i32.const 0))))
      (br_if $each (i32.lt_u (local.get $x) (local.get $end)))))

  ;; y[r, j] = (x[r, j] − mean[j]) · scale[j] + beta[j], in float32.
  (func (export "normalize")
    (param $x i32) (param $rows i32) (param $c i32) (param $mean i32) (param $scale i32)
    (param $beta i32) (param $y i32)
    (local $end i32) (local $k i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $c) (i32.const 2)))
    (local.set $end (i32.add (local.get $x) (i32.mul (local.get $rows) (local.get $rowBytes))))
    (if (i32.ge_u (local.get $x) (local.get $end)) (then (return)))
    (loop $each
      (v128.store (local.get $y)
        (f32x4.add
          (f32x4.mul
            (f32x4.sub (v128.load (local.get $x)) (v128.load (i32.add (local.get $mean) (local.get $k))))
            (v128.load (i32.add (local.get $scale) (local.get $k))))
          (v128.load (i32.add (local.get $beta) (local.get $k)))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (local.set $k (i32.add (local.get $k) (i32.const 16)))
      (if (i32.eq (local.get $k) (local.get $rowBytes)) (then (local.set $k (i32.const 0))))
      (br_if $each (i32.lt_u (local.get $x) (local.get $end)))))

  ;; sumDy[j] += dy[r, j] and sumDyCentred[j] += dy[r, j] · (x[r, j] − mean[j]), in float64.
  (func (export "gradientSums")
    (param $dy i32) (param $x i32) (param $rows i32) (param $c i32) (param $mean i32)
    (param $sumDy i32) (param $sumDyCentred i32)
    (local $end i32) (local $k i32) (local $rowBytes i32) (local $g v128) (local $v v128)
    (local $m v128) (local $gw v128) (local $a i32) (local $b i32)
    (local.set $rowBytes (i32.shl (local.get $c) (i32.const 2)))
    (local.set $end (i32.add (local.get $dy) (i32.mul (local.get $rows) (local.get $rowBytes))))
    (if (i32.ge_u (local.get $dy) (local.get $end)) (then (return)))
    (loop $each
      (local.set $g (v128.load (local.get $dy)))
      (local.set $v (v128.load (local.get $x)))
      (local.set $m (v128.load (i32.add (local.get $mean) (local.get $k))))
      (local.set $a (i32.add (local.get $sumDy) (i32.shl (local.get $k) (i32.const 1))))
      (local.set $b (i32.add (local.get $sumDyCentred) (i32.shl (local.get $k) (i32.const 1))))
      ;; low two channels
      (local.set $gw (f64x2.promote_low_f32x4 (local.get $g)))
      (v128.store (local.get $a) (f64x2.add (v128.load (local.get $a)) (local.get $gw)))
      (v128.store (local.get $b)
        (f64x2.add (v128.load (local.get $b))
          (f64x2.mul (local.get $gw)
            (f64x2.sub (f64x2.promote_low_f32x4 (local.get $v)) (f64x2.promote_low_f32x4 (local.get $m))))))
      ;; high two channels
      (local.set $gw (f64x2.promote_low_f32x4 (call $high (local.get $g))))
      (v128.store offset=16 (local.get $a) (f64x2.add (v128.load offset=16 (local.get $a)) (local.get $gw)))
      (v128.store offset=16 (local.get $b)
        (f64x2.add (v128.load offset=16 (local.get $b))
          (f64x2.mul (local.get $gw)
            (f64x2.sub (f64x2.promote_low_f32x4 (call $high (local.get $v)))
                       (f64x2.promote_low_f32x4 (call $high (local.get $m)))))))
      (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $k (i32.add (local.get $k) (i32.const 16)))
      (if (i32.eq (local.get $k) (local.get $rowBytes)) (then (local.set $k (i32.const 0))))
      (br_if $each (i32.lt_u (local.get $dy) (local.get $end)))))

  ;; dx[r, j] = scale[j] · (dy[r, j] − meanDy[j] − (x[r, j] − mean[j]) · invStd[j] · meanDyXhat[j]),
  ;; in float32. The five per-channel rows lie one after another at $params:
  ;; mean, invStd, scale, meanDy, meanDyXhat, float32[c] each.
  (func (export "inputGradient")
    (param $dy i32) (param $x i32) (param $rows i32) (param $c i32) (param $params i32) (param $dx i32)
    (local $end i32) (local $k i32) (local $rowBytes i32) (local $p i32) (local $xhat v128)
    (local.set $rowBytes (i32.shl (local.get $c) (i32.const 2)))
    (local.set $end (i32.add (local.get $dy) (i32.mul (local.get $rows) (local.get $rowBytes))))
    (if (i32.ge_u (local.get $dy) (local.get $end)) (then (return)))
    (loop $each
      (local.set $p (i32.add (local.get $params) (local.get $k)))
      (local.set $xhat
        (f32x4.mul
          (f32x4.sub (v128.load (local.get $x)) (v128.load (local.get $p)))
          (v128.load (i32.add (local.get $p) (local.get $rowBytes)))))
      (v128.store (local.get $dx)
        (f32x4.mul
          (v128.load (i32.add (local.get $p) (i32.shl (local.get $rowBytes) (i32.const 1))))
          (f32x4.sub
            (f32x4.sub (v128.load (local.get $dy))
                       (v128.load (i32.add (local.get $p) (i32.mul (local.get $rowBytes) (i32.const 3)))))
            (f32x4.mul (local.get $xhat)
                       (v128.load (i32.add (local.get $p) (i32.shl (local.get $rowBytes) (i32.const 2))))))))
      (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $dx (i32.add (local.get $dx) (i32.const 16)))
      (local.set $k (i32.add (local.get $k) (i32.const 16)))
      (if (i32.eq (local.get $k) (local.get $rowBytes)) (then (local.set $k (i32.const 0))))
      (br_if $each (i32.lt_u (local.get $dy) (local.get $end))))))
