;; The input gradient of a 2-D convolution, in WebAssembly SIMD, for TF.js's WASM backend:
;;   dx[b, oy·sh + kh − padTop, ox·sw + kw − padLeft, ci] += Σ_co wt[kh, kw, co, ci] · dy[b, oy, ox, co]
;; for every output pixel and filter tap, on NHWC tensors where they lie; wt is the filter with its
;; channel axes swapped ([kh, kw, co, ci], made by the caller: a few kilobytes).
;;
;; Each call of a tile routine keeps 4 pixels × 8 input channels of dx (or fewer) in registers
;; while it runs down the output channels: per output channel, two loads of wt, four broadcasts
;; of dy, eight multiply-adds of four lanes; then adds them to dx in memory. Taps that would fall
;; in the padding are left out of each row's range, as in conv-grad-simd.wat, whose filter
;; gradient this mirrors. XNNPACK did this as a convolution of dy with a flipped filter built for
;; each call (or a GEMM and a col2im scatter when strided), paying an operator's set-up each time.
;;
;; Input channels not in fours (the stem's one, whose dx no one reads but TF.js's fused conv2d
;; computes) take the filter as it is and a dot product per pixel instead, which needs Co in fours.
;; Sums are float32. conv-grad-simd.ts checks the channels. scripts/build-wasm.mjs assembles this
;; file into conv-input-grad-simd-wasm.ts.
(module
  (import "env" "memory" (memory 0 (;MEMORY;)))

  ;; dx at 4 pixels ($xStep bytes apart), 8 input channels: += Σ_o wt[o, ·] · dy[pixel, o] over $co output
  ;; channels; wt rows $wRow bytes apart, dy's pixels $dyStep. The sums stay in registers until the end.
  (func $tile4x8 (param $dyp i32) (param $wp i32) (param $dxp i32) (param $co i32) (param $dyStep i32)
    (param $xStep i32) (param $wRow i32)
    (local $a00 v128) (local $a01 v128) (local $a10 v128) (local $a11 v128) (local $a20 v128) (local $a21 v128) (local $a30 v128) (local $a31 v128) (local $w0 v128) (local $w1 v128) (local $v v128) (local $p i32)
    (loop $outChannels
      (local.set $w0 (v128.load offset=0 (local.get $wp)))
      (local.set $w1 (v128.load offset=16 (local.get $wp)))
      (local.set $v (v128.load32_splat (local.get $dyp)))
      (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $v) (local.get $w0))))
      (local.set $a01 (f32x4.add (local.get $a01) (f32x4.mul (local.get $v) (local.get $w1))))
      (local.set $v (v128.load32_splat (i32.add (local.get $dyp) (i32.mul (local.get $dyStep) (i32.const 1)))))
      (local.set $a10 (f32x4.add (local.get $a10) (f32x4.mul (local.get $v) (local.get $w0))))
      (local.set $a11 (f32x4.add (local.get $a11) (f32x4.mul (local.get $v) (local.get $w1))))
      (local.set $v (v128.load32_splat (i32.add (local.get $dyp) (i32.mul (local.get $dyStep) (i32.const 2)))))
      (local.set $a20 (f32x4.add (local.get $a20) (f32x4.mul (local.get $v) (local.get $w0))))
      (local.set $a21 (f32x4.add (local.get $a21) (f32x4.mul (local.get $v) (local.get $w1))))
      (local.set $v (v128.load32_splat (i32.add (local.get $dyp) (i32.mul (local.get $dyStep) (i32.const 3)))))
      (local.set $a30 (f32x4.add (local.get $a30) (f32x4.mul (local.get $v) (local.get $w0))))
      (local.set $a31 (f32x4.add (local.get $a31) (f32x4.mul (local.get $v) (local.get $w1))))
      (local.set $dyp (i32.add (local.get $dyp) (i32.const 4)))
      (local.set $wp (i32.add (local.get $wp) (local.get $wRow)))
      (local.set $co (i32.sub (local.get $co) (i32.const 1)))
      (br_if $outChannels (local.get $co)))
    (local.set $p (local.get $dxp))
    (v128.store offset=0 (local.get $p) (f32x4.add (v128.load offset=0 (local.get $p)) (local.get $a00)))
    (v128.store offset=16 (local.get $p) (f32x4.add (v128.load offset=16 (local.get $p)) (local.get $a01)))
    (local.set $p (i32.add (local.get $dxp) (i32.mul (local.get $xStep) (i32.const 1))))
    (v128.store offset=0 (local.get $p) (f32x4.add (v128.load offset=0 (local.get $p)) (local.get $a10)))
    (v128.store offset=16 (local.get $p) (f32x4.add (v128.load offset=16 (local.get $p)) (local.get $a11)))
    (local.set $p (i32.add (local.get $dxp) (i32.mul (local.get $xStep) (i32.const 2))))
    (v128.store offset=0 (local.get $p) (f32x4.add (v128.load offset=0 (local.get $p)) (local.get $a20)))
    (v128.store offset=16 (local.get $p) (f32x4.add (v128.load offset=16 (local.get $p)) (local.get $a21)))
    (local.set $p (i32.add (local.get $dxp) (i32.mul (local.get $xStep) (i32.const 3))))
    (v128.store offset=0 (local.get $p) (f32x4.add (v128.load offset=0 (local.get $p)) (local.get $a30)))
    (v128.store offset=16 (local.get $p) (f32x4.add (v128.load offset=16 (local.get $p)) (local.get $a31)))
  )

  ;; dx at 4 pixels ($xStep bytes apart), 4 input channels: += Σ_o wt[o, ·] · dy[pixel, o] over $co output
  ;; channels; wt rows $wRow bytes apart, dy's pixels $dyStep. The sums stay in registers until the end.
  (func $tile4x4 (param $dyp i32) (param $wp i32) (param $dxp i32) (param $co i32) (param $dyStep i32)
    (param $xStep i32) (param $wRow i32)
    (local $a00 v128) (local $a10 v128) (local $a20 v128) (local $a30 v128) (local $w0 v128) (local $v v128) (local $p i32)
    (loop $outChannels
      (local.set $w0 (v128.load offset=0 (local.get $wp)))
      (local.set $v (v128.load32_splat (local.get $dyp)))
      (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $v) (local.get $w0))))
      (local.set $v (v128.load32_splat (i32.add (local.get $dyp) (i32.mul (local.get $dyStep) (i32.const 1)))))
      (local.set $a10 (f32x4.add (local.get $a10) (f32x4.mul (local.get $v) (local.get $w0))))
      (local.set $v (v128.load32_splat (i32.add (local.get $dyp) (i32.mul (local.get $dyStep) (i32.const 2)))))
      (local.set $a20 (f32x4.add (local.get $a20) (f32x4.mul (local.get $v) (local.get $w0))))
      (local.set $v (v128.load32_splat (i32.add (local.get $dyp) (i32.mul (local.get $dyStep) (i32.const 3)))))
      (local.set $a30 (f32x4.add (local.get $a30) (f32x4.mul (local.get $v) (local.get $w0))))
      (local.set $dyp (i32.add (local.get $dyp) (i32.const 4)))
      (local.set $wp (i32.add (local.get $wp) (local.get $wRow)))
      (local.set $co (i32.sub (local.get $co) (i32.const 1)))
      (br_if $outChannels (local.get $co)))
    (local.set $p (local.get $dxp))
    (v128.store offset=0 (local.get $p) (f32x4.add (v128.load offset=0 (local.get $p)) (local.get $a00)))
    (local.set $p (i32.add (local.get $dxp) (i32.mul (local.get $xStep) (i32.const 1))))
    (v128.store offset=0 (local.get $p) (f32x4.add (v128.load offset=0 (local.get $p)) (local.get $a10)))
    (local.set $p (i32.add (local.get $dxp) (i32.mul (local.get $xStep) (i32.const 2))))
    (v128.store offset=0 (local.get $p) (f32x4.add (v128.load offset=0 (local.get $p)) (local.get $a20)))
    (local.set $p (i32.add (local.get $dxp) (i32.mul (local.get $xStep) (i32.const 3))))
    (v128.store offset=0 (local.get $p) (f32x4.add (v128.load offset=0 (local.get $p)) (local.get $a30)))
  )

  ;; dx at 1 pixel ($xStep bytes apart), 8 input channels: += Σ_o wt[o, ·] · dy[pixel, o] over $co output
  ;; channels; wt rows $wRow bytes apart, dy's pixels $dyStep. The sums stay in registers until the end.
  (func $tile1x8 (param $dyp i32) (param $wp i32) (param $dxp i32) (param $co i32) (param $dyStep i32)
    (param $xStep i32) (param $wRow i32)
    (local $a00 v128) (local $a01 v128) (local $w0 v128) (local $w1 v128) (local $v v128) (local $p i32)
    (loop $outChannels
      (local.set $w0 (v128.load offset=0 (local.get $wp)))
      (local.set $w1 (v128.load offset=16 (local.get $wp)))
      (local.set $v (v128.load32_splat (local.get $dyp)))
      (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $v) (local.get $w0))))
      (local.set $a01 (f32x4.add (local.get $a01) (f32x4.mul (local.get $v) (local.get $w1))))
      (local.set $dyp (i32.add (local.get $dyp) (i32.const 4)))
      (local.set $wp (i32.add (local.get $wp) (local.get $wRow)))
      (local.set $co (i32.sub (local.get $co) (i32.const 1)))
      (br_if $outChannels (local.get $co)))
    (local.set $p (local.get $dxp))
    (v128.store offset=0 (local.get $p) (f32x4.add (v128.load offset=0 (local.get $p)) (local.get $a00)))
    (v128.store offset=16 (local.get $p) (f32x4.add (v128.load offset=16 (local.get $p)) (local.get $a01)))
  )

  ;; dx at 1 pixel ($xStep bytes apart), 4 input channels: += Σ_o wt[o, ·] · dy[pixel, o] over $co output
  ;; channels; wt rows $wRow bytes apart, dy's pixels $dyStep. The sums stay in registers until the end.
  (func $tile1x4 (param $dyp i32) (param $wp i32) (param $dxp i32) (param $co i32) (param $dyStep i32)
    (param $xStep i32) (param $wRow i32)
    (local $a00 v128) (local $w0 v128) (local $v v128) (local $p i32)
    (loop $outChannels
      (local.set $w0 (v128.load offset=0 (local.get $wp)))
      (local.set $v (v128.load32_splat (local.get $dyp)))
      (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $v) (local.get $w0))))
      (local.set $dyp (i32.add (local.get $dyp) (i32.const 4)))
      (local.set $wp (i32.add (local.get $wp) (local.get $wRow)))
      (local.set $co (i32.sub (local.get $co) (i32.const 1)))
      (br_if $outChannels (local.get $co)))
    (local.set $p (local.get $dxp))
    (v128.store offset=0 (local.get $p) (f32x4.add (v128.load offset=0 (local.get $p)) (local.get $a00)))
  )

  ;; For one input channel ($ci not in fours, as the stem's one): dx[pixel] += Σ_o w[o] · dy[pixel, o]
  ;; at $n pixels, with w this channel's row of the filter as it is ([kh, kw, ci, co]: co in a row),
  ;; four output channels a lane, summed across the lanes at the end. $co is a multiple of 4.
  (func $dotRow (param $dyp i32) (param $wp i32) (param $dxp i32) (param $n i32) (param $co i32)
    (param $dyStep i32) (param $xStep i32)
    (local $s v128) (local $o i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $co) (i32.const 2)))
    (loop $pixels
      (local.set $s (v128.const f32x4 0 0 0 0))
      (local.set $o (i32.const 0))
      (loop $outChannels
        (local.set $s (f32x4.add (local.get $s)
          (f32x4.mul (v128.load (i32.add (local.get $dyp) (local.get $o)))
                     (v128.load (i32.add (local.get $wp) (local.get $o))))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br_if $outChannels (i32.lt_u (local.get $o) (local.get $rowBytes))))
      (f32.store (local.get $dxp)
        (f32.add (f32.load (local.get $dxp))
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $s)) (f32x4.extract_lane 1 (local.get $s)))
            (f32.add (f32x4.extract_lane 2 (local.get $s)) (f32x4.extract_lane 3 (local.get $s))))))
      (local.set $dyp (i32.add (local.get $dyp) (local.get $dyStep)))
      (local.set $dxp (i32.add (local.get $dxp) (local.get $xStep)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $pixels (local.get $n))))

  ;; dx (zeroed by the caller) += the input gradient. Byte offsets $dy, $wt, $dx.
  (func (export "inputGrad")
    (param $dy i32) (param $wt i32) (param $dx i32)
    (param $batch i32) (param $h i32) (param $w i32) (param $ci i32)
    (param $oh i32) (param $ow i32) (param $co i32)
    (param $kh i32) (param $kw i32) (param $sh i32) (param $sw i32) (param $padTop i32) (param $padLeft i32)
    (local $b i32) (local $oy i32) (local $ty i32) (local $tx i32) (local $iy i32)
    (local $lo i32) (local $hi i32) (local $num i32) (local $n i32) (local $left i32)
    (local $dxRow i32) (local $dyRow i32) (local $dxp i32) (local $dyp i32) (local $wTap i32)
    (local $c i32) (local $xStep i32) (local $dyStep i32) (local $wRow i32) (local $wide i32)
    (local $px i32) (local $pd i32) (local $narrow i32)
    ;; Input channels not in fours take the filter as it is ([kh, kw, ci, co]), and $dotRow.
    (local.set $narrow (i32.ne (i32.and (local.get $ci) (i32.const 3)) (i32.const 0)))
    (local.set $xStep (i32.shl (i32.mul (local.get $sw) (local.get $ci)) (i32.const 2)))
    (local.set $dyStep (i32.shl (local.get $co) (i32.const 2)))
    (local.set $wRow (i32.shl (local.get $ci) (i32.const 2)))
    (local.set $b (i32.const 0))
    (loop $images
      (local.set $oy (i32.const 0))
      (loop $rows
        (local.set $dyRow (i32.add (local.get $dy)
          (i32.mul (i32.add (i32.mul (local.get $b) (local.get $oh)) (local.get $oy))
                   (i32.mul (local.get $ow) (local.get $dyStep)))))
        (local.set $ty (i32.const 0))
        (loop $tapRows
          (local.set $iy (i32.sub (i32.add (i32.mul (local.get $oy) (local.get $sh)) (local.get $ty)) (local.get $padTop)))
          (if (i32.and (i32.ge_s (local.get $iy) (i32.const 0)) (i32.lt_s (local.get $iy) (local.get $h)))
            (then
              (local.set $dxRow (i32.add (local.get $dx)
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
                    (local.set $dxp (i32.add (local.get $dxRow)
                      (i32.shl (i32.mul (i32.sub (i32.add (i32.mul (local.get $lo) (local.get $sw)) (local.get $tx)) (local.get $padLeft))
                                        (local.get $ci)) (i32.const 2))))
                    (local.set $dyp (i32.add (local.get $dyRow) (i32.mul (local.get $lo) (local.get $dyStep))))
                    (local.set $wTap (i32.add (local.get $wt)
                      (i32.shl (i32.mul (i32.add (i32.mul (local.get $ty) (local.get $kw)) (local.get $tx))
                                        (i32.mul (local.get $ci) (local.get $co))) (i32.const 2))))
                    (local.set $c (i32.const 0))
                    (if (local.get $narrow)
                      (then
                        ;; Input channels not in fours: the filter as it is, one channel at a time.
                        (loop $narrowChannels
                          (call $dotRow (local.get $dyp)
                            (i32.add (local.get $wTap) (i32.mul (local.get $c) (local.get $dyStep)))
                            (i32.add (local.get $dxp) (i32.shl (local.get $c) (i32.const 2)))
                            (local.get $n) (local.get $co) (local.get $dyStep) (local.get $xStep))
                          (local.set $c (i32.add (local.get $c) (i32.const 1)))
                          (br_if $narrowChannels (i32.lt_u (local.get $c) (local.get $ci))))
                        (local.set $c (local.get $ci))))
                    (if (i32.lt_u (local.get $c) (local.get $ci)) (then
                    (loop $inChannels
                      (local.set $wide (i32.le_u (i32.add (local.get $c) (i32.const 8)) (local.get $ci)))
                      (local.set $px (i32.add (local.get $dxp) (i32.shl (local.get $c) (i32.const 2))))
                      (local.set $pd (local.get $dyp))
                      (local.set $left (local.get $n))
                      ;; Four pixels at a time, then one at a time.
                      (loop $pixels
                        (if (i32.ge_u (local.get $left) (i32.const 4))
                          (then
                            (if (local.get $wide)
                              (then (call $tile4x8 (local.get $pd) (i32.add (local.get $wTap) (i32.shl (local.get $c) (i32.const 2)))
                                      (local.get $px) (local.get $co) (local.get $dyStep) (local.get $xStep) (local.get $wRow)))
                              (else (call $tile4x4 (local.get $pd) (i32.add (local.get $wTap) (i32.shl (local.get $c) (i32.const 2)))
                                      (local.get $px) (local.get $co) (local.get $dyStep) (local.get $xStep) (local.get $wRow))))
                            (local.set $px (i32.add (local.get $px) (i32.shl (local.get $xStep) (i32.const 2))))
                            (local.set $pd (i32.add (local.get $pd) (i32.shl (local.get $dyStep) (i32.const 2))))
                            (local.set $left (i32.sub (local.get $left) (i32.const 4))))
                          (else
                            (if (local.get $wide)
                              (then (call $tile1x8 (local.get $pd) (i32.add (local.get $wTap) (i32.shl (local.get $c) (i32.const 2)))
                                      (local.get $px) (local.get $co) (local.get $dyStep) (local.get $xStep) (local.get $wRow)))
                              (else (call $tile1x4 (local.get $pd) (i32.add (local.get $wTap) (i32.shl (local.get $c) (i32.const 2)))
                                      (local.get $px) (local.get $co) (local.get $dyStep) (local.get $xStep) (local.get $wRow))))
                            (local.set $px (i32.add (local.get $px) (local.get $xStep)))
                            (local.set $pd (i32.add (local.get $pd) (local.get $dyStep)))
                            (local.set $left (i32.sub (local.get $left) (i32.const 1)))))
                        (br_if $pixels (local.get $left)))
                      (local.set $c (i32.add (local.get $c) (select (i32.const 8) (i32.const 4) (local.get $wide))))
                      (br_if $inChannels (i32.lt_u (local.get $c) (local.get $ci))))))))
                (local.set $tx (i32.add (local.get $tx) (i32.const 1)))
                (br_if $taps (i32.lt_u (local.get $tx) (local.get $kw))))))
          (local.set $ty (i32.add (local.get $ty) (i32.const 1)))
          (br_if $tapRows (i32.lt_u (local.get $ty) (local.get $kh))))
        (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
        (br_if $rows (i32.lt_u (local.get $oy) (local.get $oh))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br_if $images (i32.lt_u (local.get $b) (local.get $batch)))))
)
