;; The filter gradient of a 2-D convolution, in WebAssembly SIMD, for TF.js's WASM backend:
;;   dW[kh, kw, ci, co] = Σ_{b, oy, ox} x[b, oy·sh + kh − padTop, ox·sw + kw − padLeft, ci] · dy[b, oy, ox, co]
;; on NHWC tensors where they lie in the backend's memory, with no im2col copy and no transposes.
;;
;; A training step's filter gradients are GEMMs with a long reduction (batch·outH·outW pixels, 6,272
;; to 25,088 here) and small outputs (Ci·Co ≤ 128·128 per tap). XNNPACK, built for the other shape,
;; ran them at 2–4 GFLOP/s after a copy or two transposes of both operands. Here each call of a
;; tile routine keeps a 4 × 8 (or 4 × 4) block of dW in eight (four) registers and walks one
;; output row's pixels: per pixel, two loads of dy, four broadcasts of x, eight multiply-adds of
;; four lanes each. Rows of x and dy are read in place, so padding costs nothing: the pixels a tap
;; would read from the padding are left out of its range.
;;
;; Input channels past the last multiple of four (the stem's one) take one-row tiles. Sums are
;; float32, as XNNPACK's are. Needs Co a multiple of 4 (conv-grad-simd.ts checks; other layers
;; take the GEMM route). scripts/build-wasm.mjs assembles this file into
;; conv-grad-simd-wasm.ts, as bn-simd.wat.
(module
  (import "env" "memory" (memory 0 (;MEMORY;)))

  ;; acc[r, 0..8) += Σ_i x_i[r] · dy_i[0..8) over n pixels, r < 4: x_i at $xp + i·$xStep (four
  ;; input channels), dy_i at $dyp + i·$dyStep; acc rows $accRow bytes apart. The 8 sums stay in registers.
  (func $tile4x8 (param $xp i32) (param $dyp i32) (param $n i32) (param $xStep i32) (param $dyStep i32)
    (param $acc i32) (param $accRow i32)
    (local $a00 v128) (local $a01 v128) (local $a10 v128) (local $a11 v128) (local $a20 v128) (local $a21 v128) (local $a30 v128) (local $a31 v128) (local $d0 v128) (local $d1 v128) (local $v v128) (local $p i32)
    (local.set $p (i32.add (local.get $acc) (i32.mul (local.get $accRow) (i32.const 0))))
    (local.set $a00 (v128.load offset=0 (local.get $p)))
    (local.set $a01 (v128.load offset=16 (local.get $p)))
    (local.set $p (i32.add (local.get $acc) (i32.mul (local.get $accRow) (i32.const 1))))
    (local.set $a10 (v128.load offset=0 (local.get $p)))
    (local.set $a11 (v128.load offset=16 (local.get $p)))
    (local.set $p (i32.add (local.get $acc) (i32.mul (local.get $accRow) (i32.const 2))))
    (local.set $a20 (v128.load offset=0 (local.get $p)))
    (local.set $a21 (v128.load offset=16 (local.get $p)))
    (local.set $p (i32.add (local.get $acc) (i32.mul (local.get $accRow) (i32.const 3))))
    (local.set $a30 (v128.load offset=0 (local.get $p)))
    (local.set $a31 (v128.load offset=16 (local.get $p)))
    (loop $pixels
      (local.set $d0 (v128.load (local.get $dyp)))
      (local.set $d1 (v128.load offset=16 (local.get $dyp)))
      (local.set $v (v128.load32_splat offset=0 (local.get $xp)))
      (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $v) (local.get $d0))))
      (local.set $a01 (f32x4.add (local.get $a01) (f32x4.mul (local.get $v) (local.get $d1))))
      (local.set $v (v128.load32_splat offset=4 (local.get $xp)))
      (local.set $a10 (f32x4.add (local.get $a10) (f32x4.mul (local.get $v) (local.get $d0))))
      (local.set $a11 (f32x4.add (local.get $a11) (f32x4.mul (local.get $v) (local.get $d1))))
      (local.set $v (v128.load32_splat offset=8 (local.get $xp)))
      (local.set $a20 (f32x4.add (local.get $a20) (f32x4.mul (local.get $v) (local.get $d0))))
      (local.set $a21 (f32x4.add (local.get $a21) (f32x4.mul (local.get $v) (local.get $d1))))
      (local.set $v (v128.load32_splat offset=12 (local.get $xp)))
      (local.set $a30 (f32x4.add (local.get $a30) (f32x4.mul (local.get $v) (local.get $d0))))
      (local.set $a31 (f32x4.add (local.get $a31) (f32x4.mul (local.get $v) (local.get $d1))))
      (local.set $xp (i32.add (local.get $xp) (local.get $xStep)))
      (local.set $dyp (i32.add (local.get $dyp) (local.get $dyStep)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $pixels (local.get $n)))
    (local.set $p (i32.add (local.get $acc) (i32.mul (local.get $accRow) (i32.const 0))))
    (v128.store offset=0 (local.get $p) (local.get $a00))
    (v128.store offset=16 (local.get $p) (local.get $a01))
    (local.set $p (i32.add (local.get $acc) (i32.mul (local.get $accRow) (i32.const 1))))
    (v128.store offset=0 (local.get $p) (local.get $a10))
    (v128.store offset=16 (local.get $p) (local.get $a11))
    (local.set $p (i32.add (local.get $acc) (i32.mul (local.get $accRow) (i32.const 2))))
    (v128.store offset=0 (local.get $p) (local.get $a20))
    (v128.store offset=16 (local.get $p) (local.get $a21))
    (local.set $p (i32.add (local.get $acc) (i32.mul (local.get $accRow) (i32.const 3))))
    (v128.store offset=0 (local.get $p) (local.get $a30))
    (v128.store offset=16 (local.get $p) (local.get $a31))
  )

  ;; acc[r, 0..4) += Σ_i x_i[r] · dy_i[0..4) over n pixels, r < 4: x_i at $xp + i·$xStep (four
  ;; input channels), dy_i at $dyp + i·$dyStep; acc rows $accRow bytes apart. The 4 sums stay in registers.
  (func $tile4x4 (param $xp i32) (param $dyp i32) (param $n i32) (param $xStep i32) (param $dyStep i32)
    (param $acc i32) (param $accRow i32)
    (local $a00 v128) (local $a10 v128) (local $a20 v128) (local $a30 v128) (local $d0 v128) (local $d1 v128) (local $v v128) (local $p i32)
    (local.set $p (i32.add (local.get $acc) (i32.mul (local.get $accRow) (i32.const 0))))
    (local.set $a00 (v128.load offset=0 (local.get $p)))
    (local.set $p (i32.add (local.get $acc) (i32.mul (local.get $accRow) (i32.const 1))))
    (local.set $a10 (v128.load offset=0 (local.get $p)))
    (local.set $p (i32.add (local.get $acc) (i32.mul (local.get $accRow) (i32.const 2))))
    (local.set $a20 (v128.load offset=0 (local.get $p)))
    (local.set $p (i32.add (local.get $acc) (i32.mul (local.get $accRow) (i32.const 3))))
    (local.set $a30 (v128.load offset=0 (local.get $p)))
    (loop $pixels
      (local.set $d0 (v128.load (local.get $dyp)))
      (local.set $v (v128.load32_splat offset=0 (local.get $xp)))
      (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $v) (local.get $d0))))
      (local.set $v (v128.load32_splat offset=4 (local.get $xp)))
      (local.set $a10 (f32x4.add (local.get $a10) (f32x4.mul (local.get $v) (local.get $d0))))
      (local.set $v (v128.load32_splat offset=8 (local.get $xp)))
      (local.set $a20 (f32x4.add (local.get $a20) (f32x4.mul (local.get $v) (local.get $d0))))
      (local.set $v (v128.load32_splat offset=12 (local.get $xp)))
      (local.set $a30 (f32x4.add (local.get $a30) (f32x4.mul (local.get $v) (local.get $d0))))
      (local.set $xp (i32.add (local.get $xp) (local.get $xStep)))
      (local.set $dyp (i32.add (local.get $dyp) (local.get $dyStep)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $pixels (local.get $n)))
    (local.set $p (i32.add (local.get $acc) (i32.mul (local.get $accRow) (i32.const 0))))
    (v128.store offset=0 (local.get $p) (local.get $a00))
    (local.set $p (i32.add (local.get $acc) (i32.mul (local.get $accRow) (i32.const 1))))
    (v128.store offset=0 (local.get $p) (local.get $a10))
    (local.set $p (i32.add (local.get $acc) (i32.mul (local.get $accRow) (i32.const 2))))
    (v128.store offset=0 (local.get $p) (local.get $a20))
    (local.set $p (i32.add (local.get $acc) (i32.mul (local.get $accRow) (i32.const 3))))
    (v128.store offset=0 (local.get $p) (local.get $a30))
  )

  ;; As the 4-row tiles, for one input channel: the channels past the last multiple of four.
  (func $tile1x8 (param $xp i32) (param $dyp i32) (param $n i32) (param $xStep i32) (param $dyStep i32)
    (param $acc i32) (param $accRow i32)
    (local $a00 v128) (local $a01 v128) (local $v v128)
    (local.set $a00 (v128.load offset=0 (local.get $acc)))
    (local.set $a01 (v128.load offset=16 (local.get $acc)))
    (loop $pixels
      (local.set $v (v128.load32_splat (local.get $xp)))
      (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $v) (v128.load offset=0 (local.get $dyp)))))
      (local.set $a01 (f32x4.add (local.get $a01) (f32x4.mul (local.get $v) (v128.load offset=16 (local.get $dyp)))))
      (local.set $xp (i32.add (local.get $xp) (local.get $xStep)))
      (local.set $dyp (i32.add (local.get $dyp) (local.get $dyStep)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $pixels (local.get $n)))
    (v128.store offset=0 (local.get $acc) (local.get $a00))
    (v128.store offset=16 (local.get $acc) (local.get $a01))
  )

  ;; As the 4-row tiles, for one input channel: the channels past the last multiple of four.
  (func $tile1x4 (param $xp i32) (param $dyp i32) (param $n i32) (param $xStep i32) (param $dyStep i32)
    (param $acc i32) (param $accRow i32)
    (local $a00 v128) (local $v v128)
    (local.set $a00 (v128.load offset=0 (local.get $acc)))
    (loop $pixels
      (local.set $v (v128.load32_splat (local.get $xp)))
      (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $v) (v128.load offset=0 (local.get $dyp)))))
      (local.set $xp (i32.add (local.get $xp) (local.get $xStep)))
      (local.set $dyp (i32.add (local.get $dyp) (local.get $dyStep)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $pixels (local.get $n)))
    (v128.store offset=0 (local.get $acc) (local.get $a00))
  )

  ;; dW (zeroed by the caller) += the filter gradient. Byte offsets $x, $dy, $dw; geometry as TF.js's
  ;; computeConv2DInfo gives it.
  (func (export "filterGrad")
    (param $x i32) (param $dy i32) (param $dw i32)
    (param $batch i32) (param $h i32) (param $w i32) (param $ci i32)
    (param $oh i32) (param $ow i32) (param $co i32)
    (param $kh i32) (param $kw i32) (param $sh i32) (param $sw i32) (param $padTop i32) (param $padLeft i32)
    (local $b i32) (local $oy i32) (local $ty i32) (local $tx i32) (local $iy i32)
    (local $lo i32) (local $hi i32) (local $num i32) (local $n i32)
    (local $xRow i32) (local $dyRow i32) (local $xp i32) (local $dyp i32) (local $accTap i32)
    (local $c i32) (local $o i32) (local $xStep i32) (local $dyStep i32) (local $accRow i32)
    (local $rows i32) (local $xc i32) (local $dyc i32) (local $accc i32)
    (local.set $xStep (i32.shl (i32.mul (local.get $sw) (local.get $ci)) (i32.const 2)))
    (local.set $dyStep (i32.shl (local.get $co) (i32.const 2)))
    (local.set $accRow (local.get $dyStep))
    (local.set $b (i32.const 0))
    (loop $images
      (local.set $oy (i32.const 0))
      (loop $rows
        ;; dy's row (b, oy, ·, ·)
        (local.set $dyRow (i32.add (local.get $dy)
          (i32.mul (i32.add (i32.mul (local.get $b) (local.get $oh)) (local.get $oy))
                   (i32.mul (local.get $ow) (local.get $dyStep)))))
        (local.set $ty (i32.const 0))
        (loop $tapRows
          (local.set $iy (i32.sub (i32.add (i32.mul (local.get $oy) (local.get $sh)) (local.get $ty)) (local.get $padTop)))
          (if (i32.and (i32.ge_s (local.get $iy) (i32.const 0)) (i32.lt_s (local.get $iy) (local.get $h)))
            (then
              ;; x's row (b, iy, ·, ·)
              (local.set $xRow (i32.add (local.get $x)
                (i32.shl (i32.mul (i32.add (i32.mul (local.get $b) (local.get $h)) (local.get $iy))
                                  (i32.mul (local.get $w) (local.get $ci))) (i32.const 2))))
              (local.set $tx (i32.const 0))
              (loop $taps
                ;; The output columns whose input column ox·sw + tx − padLeft lies in [0, w).
                (local.set $num (i32.sub (local.get $padLeft) (local.get $tx)))
                (local.set $lo (i32.const 0))
                (if (i32.gt_s (local.get $num) (i32.const 0))
                  (then (local.set $lo (i32.div_s (i32.add (local.get $num) (i32.sub (local.get $sw) (i32.const 1))) (local.get $sw)))))
                (local.set $num (i32.add (i32.sub (local.get $w) (i32.const 1)) (local.get $num)))
                (local.set $hi (i32.const -1))
                (if (i32.ge_s (local.get $num) (i32.const 0))
                  (then (local.set $hi (i32.div_s (local.get $num) (local.get $sw)))))
                (if (i32.ge_s (local.get $hi) (local.get $ow)) (then (local.set $hi (i32.sub (local.get $ow) (i32.const 1)))))
                (local.set $n (i32.add (i32.sub (local.get $hi) (local.get $lo)) (i32.const 1)))
                (if (i32.gt_s (local.get $n) (i32.const 0))
                  (then
                    (local.set $xp (i32.add (local.get $xRow)
                      (i32.shl (i32.mul (i32.sub (i32.add (i32.mul (local.get $lo) (local.get $sw)) (local.get $tx)) (local.get $padLeft))
                                        (local.get $ci)) (i32.const 2))))
                    (local.set $dyp (i32.add (local.get $dyRow) (i32.mul (local.get $lo) (local.get $dyStep))))
                    ;; dW's block for this tap: [ci, co] at (ty·kw + tx)·ci·co
                    (local.set $accTap (i32.add (local.get $dw)
                      (i32.shl (i32.mul (i32.add (i32.mul (local.get $ty) (local.get $kw)) (local.get $tx))
                                        (i32.mul (local.get $ci) (local.get $co))) (i32.const 2))))
                    (local.set $c (i32.const 0))
                    (loop $inChannels
                      ;; Four input channels at a time, then one at a time for the rest.
                      (local.set $rows (select (i32.const 4) (i32.const 1)
                        (i32.le_u (i32.add (local.get $c) (i32.const 4)) (local.get $ci))))
                      (local.set $o (i32.const 0))
                      (loop $outChannels
                        (local.set $xc (i32.add (local.get $xp) (i32.shl (local.get $c) (i32.const 2))))
                        (local.set $dyc (i32.add (local.get $dyp) (i32.shl (local.get $o) (i32.const 2))))
                        (local.set $accc (i32.add (local.get $accTap)
                          (i32.shl (i32.add (i32.mul (local.get $c) (local.get $co)) (local.get $o)) (i32.const 2))))
                        (if (i32.le_u (i32.add (local.get $o) (i32.const 8)) (local.get $co))
                          (then
                            (if (i32.eq (local.get $rows) (i32.const 4))
                              (then (call $tile4x8 (local.get $xc) (local.get $dyc) (local.get $n) (local.get $xStep)
                                      (local.get $dyStep) (local.get $accc) (local.get $accRow)))
                              (else (call $tile1x8 (local.get $xc) (local.get $dyc) (local.get $n) (local.get $xStep)
                                      (local.get $dyStep) (local.get $accc) (local.get $accRow))))
                            (local.set $o (i32.add (local.get $o) (i32.const 8))))
                          (else
                            (if (i32.eq (local.get $rows) (i32.const 4))
                              (then (call $tile4x4 (local.get $xc) (local.get $dyc) (local.get $n) (local.get $xStep)
                                      (local.get $dyStep) (local.get $accc) (local.get $accRow)))
                              (else (call $tile1x4 (local.get $xc) (local.get $dyc) (local.get $n) (local.get $xStep)
                                      (local.get $dyStep) (local.get $accc) (local.get $accRow))))
                            (local.set $o (i32.add (local.get $o) (i32.const 4)))))
                        (br_if $outChannels (i32.lt_u (local.get $o) (local.get $co))))
                      (local.set $c (i32.add (local.get $c) (local.get $rows)))
                      (br_if $inChannels (i32.lt_u (local.get $c) (local.get $ci))))))
                (local.set $tx (i32.add (local.get $tx) (i32.const 1)))
                (br_if $taps (i32.lt_u (local.get $tx) (local.get $kw))))))
          (local.set $ty (i32.add (local.get $ty) (i32.const 1)))
          (br_if $tapRows (i32.lt_u (local.get $ty) (local.get $kh))))
        (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
        (br_if $rows (i32.lt_u (local.get $oy) (local.get $oh))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br_if $images (i32.lt_u (local.get $b) (local.get $batch)))))
)
