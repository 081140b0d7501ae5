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
;; Accumulators are f64[c] arrays in memory, which the caller zeroes.
;;
;; Every pass walks the tensor in blocks of rows that fit in L1 (about 8 KB), and within a block
;; one group of four channels at a time down the rows: the group's parameters and running sums
;; stay in registers, and its sums go to memory once per block, not once per row. Within a block
;; the sums are float32 (at most 64 rows, whose rounding stays far under 1e-4), then added to the
;; float64 accumulators. The first version went row by row, loading and storing every sum and
;; parameter each row: 3–4× slower.
;;
;; scripts/build-wasm.mjs assembles this file into bn-simd-wasm.ts (twice: once importing a
;; plain memory, once a shared one, as TF.js's threaded build uses); a unit test checks that the
;; bytes there are this file's.
(module
  (import "env" "memory" (memory 0 (;MEMORY;)))

  ;; Bytes in one block of rows: as many rows as fit in 8 KB, from 1 to 64.
  (func $blockBytes (param $rowBytes i32) (result i32)
    (local $n i32)
    (local.set $n (i32.div_u (i32.const 8192) (local.get $rowBytes)))
    (if (i32.gt_u (local.get $n) (i32.const 64)) (then (local.set $n (i32.const 64))))
    (if (i32.eqz (local.get $n)) (then (local.set $n (i32.const 1))))
    (i32.mul (local.get $n) (local.get $rowBytes)))

  ;; f64 acc[0..4) at $a += the four float32 lanes of $v.
  (func $accumulate (param $a i32) (param $v v128)
    (v128.store (local.get $a)
      (f64x2.add (v128.load (local.get $a)) (f64x2.promote_low_f32x4 (local.get $v))))
    (v128.store offset=16 (local.get $a)
      (f64x2.add (v128.load offset=16 (local.get $a))
        (f64x2.promote_low_f32x4
          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))))

  ;; acc[j] += x[r, j] for every row r.
  (func (export "sum") (param $x i32) (param $rows i32) (param $c i32) (param $acc i32)
    (local $rowBytes i32) (local $end i32) (local $block i32) (local $blockEnd i32)
    (local $j i32) (local $p i32) (local $s v128)
    (local.set $rowBytes (i32.shl (local.get $c) (i32.const 2)))
    (local.set $end (i32.add (local.get $x) (i32.mul (local.get $rows) (local.get $rowBytes))))
    (local.set $block (call $blockBytes (local.get $rowBytes)))
    (if (i32.ge_u (local.get $x) (local.get $end)) (then (return)))
    (loop $blocks
      (local.set $blockEnd (i32.add (local.get $x) (local.get $block)))
      (if (i32.gt_u (local.get $blockEnd) (local.get $end)) (then (local.set $blockEnd (local.get $end))))
      (local.set $j (i32.const 0))
      (loop $groups
        (local.set $s (v128.const f32x4 0 0 0 0))
        (local.set $p (i32.add (local.get $x) (local.get $j)))
        (loop $down
          (local.set $s (f32x4.add (local.get $s) (v128.load (local.get $p))))
          (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
          (br_if $down (i32.lt_u (local.get $p) (local.get $blockEnd))))
        (call $accumulate (i32.add (local.get $acc) (i32.shl (local.get $j) (i32.const 1))) (local.get $s))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br_if $groups (i32.lt_u (local.get $j) (local.get $rowBytes))))
      (local.set $x (local.get $blockEnd))
      (br_if $blocks (i32.lt_u (local.get $x) (local.get $end)))))

  ;; acc[j] += (x[r, j] − mean[j])² for every row r (mean is float32[c]).
  (func (export "sumSquaredDeviations")
    (param $x i32) (param $rows i32) (param $c i32) (param $mean i32) (param $acc i32)
    (local $rowBytes i32) (local $end i32) (local $block i32) (local $blockEnd i32)
    (local $j i32) (local $p i32) (local $s v128) (local $m v128) (local $d v128)
    (local.set $rowBytes (i32.shl (local.get $c) (i32.const 2)))
    (local.set $end (i32.add (local.get $x) (i32.mul (local.get $rows) (local.get $rowBytes))))
    (local.set $block (call $blockBytes (local.get $rowBytes)))
    (if (i32.ge_u (local.get $x) (local.get $end)) (then (return)))
    (loop $blocks
      (local.set $blockEnd (i32.add (local.get $x) (local.get $block)))
      (if (i32.gt_u (local.get $blockEnd) (local.get $end)) (then (local.set $blockEnd (local.get $end))))
      (local.set $j (i32.const 0))
      (loop $groups
        (local.set $s (v128.const f32x4 0 0 0 0))
        (local.set $m (v128.load (i32.add (local.get $mean) (local.get $j))))
        (local.set $p (i32.add (local.get $x) (local.get $j)))
        (loop $down
          (local.set $d (f32x4.sub (v128.load (local.get $p)) (local.get $m)))
          (local.set $s (f32x4.add (local.get $s) (f32x4.mul (local.get $d) (local.get $d))))
          (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
          (br_if $down (i32.lt_u (local.get $p) (local.get $blockEnd))))
        (call $accumulate (i32.add (local.get $acc) (i32.shl (local.get $j) (i32.const 1))) (local.get $s))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br_if $groups (i32.lt_u (local.get $j) (local.get $rowBytes))))
      (local.set $x (local.get $blockEnd))
      (br_if $blocks (i32.lt_u (local.get $x) (local.get $end)))))

  ;; y[r, j] = (x[r, j] − mean[j]) · scale[j] + beta[j], in float32.
  (func (export "normalize")
    (param $x i32) (param $rows i32) (param $c i32) (param $mean i32) (param $scale i32)
    (param $beta i32) (param $y i32)
    (local $rowBytes i32) (local $end i32) (local $block i32) (local $blockEnd i32)
    (local $j i32) (local $p i32) (local $toY i32) (local $m v128) (local $k v128) (local $b v128)
    (local.set $rowBytes (i32.shl (local.get $c) (i32.const 2)))
    (local.set $end (i32.add (local.get $x) (i32.mul (local.get $rows) (local.get $rowBytes))))
    (local.set $block (call $blockBytes (local.get $rowBytes)))
    (local.set $toY (i32.sub (local.get $y) (local.get $x)))
    (if (i32.ge_u (local.get $x) (local.get $end)) (then (return)))
    (loop $blocks
      (local.set $blockEnd (i32.add (local.get $x) (local.get $block)))
      (if (i32.gt_u (local.get $blockEnd) (local.get $end)) (then (local.set $blockEnd (local.get $end))))
      (local.set $j (i32.const 0))
      (loop $groups
        (local.set $m (v128.load (i32.add (local.get $mean) (local.get $j))))
        (local.set $k (v128.load (i32.add (local.get $scale) (local.get $j))))
        (local.set $b (v128.load (i32.add (local.get $beta) (local.get $j))))
        (local.set $p (i32.add (local.get $x) (local.get $j)))
        (loop $down
          (v128.store (i32.add (local.get $p) (local.get $toY))
            (f32x4.add
              (f32x4.mul (f32x4.sub (v128.load (local.get $p)) (local.get $m)) (local.get $k))
              (local.get $b)))
          (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
          (br_if $down (i32.lt_u (local.get $p) (local.get $blockEnd))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br_if $groups (i32.lt_u (local.get $j) (local.get $rowBytes))))
      (local.set $x (local.get $blockEnd))
      (br_if $blocks (i32.lt_u (local.get $x) (local.get $end)))))

  ;; sumDy[j] += dy[r, j] and sumDyCentred[j] += dy[r, j] · (x[r, j] − mean[j]).
  (func (export "gradientSums")
    (param $dy i32) (param $x i32) (param $rows i32) (param $c i32) (param $mean i32)
    (param $sumDy i32) (param $sumDyCentred i32)
    (local $rowBytes i32) (local $end i32) (local $block i32) (local $blockEnd i32)
    (local $j i32) (local $p i32) (local $toX i32) (local $g v128) (local $m v128)
    (local $s v128) (local $t v128)
    (local.set $rowBytes (i32.shl (local.get $c) (i32.const 2)))
    (local.set $end (i32.add (local.get $dy) (i32.mul (local.get $rows) (local.get $rowBytes))))
    (local.set $block (call $blockBytes (local.get $rowBytes)))
    (local.set $toX (i32.sub (local.get $x) (local.get $dy)))
    (if (i32.ge_u (local.get $dy) (local.get $end)) (then (return)))
    (loop $blocks
      (local.set $blockEnd (i32.add (local.get $dy) (local.get $block)))
      (if (i32.gt_u (local.get $blockEnd) (local.get $end)) (then (local.set $blockEnd (local.get $end))))
      (local.set $j (i32.const 0))
      (loop $groups
        (local.set $s (v128.const f32x4 0 0 0 0))
        (local.set $t (v128.const f32x4 0 0 0 0))
        (local.set $m (v128.load (i32.add (local.get $mean) (local.get $j))))
        (local.set $p (i32.add (local.get $dy) (local.get $j)))
        (loop $down
          (local.set $g (v128.load (local.get $p)))
          (local.set $s (f32x4.add (local.get $s) (local.get $g)))
          (local.set $t (f32x4.add (local.get $t)
            (f32x4.mul (local.get $g)
              (f32x4.sub (v128.load (i32.add (local.get $p) (local.get $toX))) (local.get $m)))))
          (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
          (br_if $down (i32.lt_u (local.get $p) (local.get $blockEnd))))
        (call $accumulate (i32.add (local.get $sumDy) (i32.shl (local.get $j) (i32.const 1))) (local.get $s))
        (call $accumulate (i32.add (local.get $sumDyCentred) (i32.shl (local.get $j) (i32.const 1))) (local.get $t))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br_if $groups (i32.lt_u (local.get $j) (local.get $rowBytes))))
      (local.set $dy (local.get $blockEnd))
      (br_if $blocks (i32.lt_u (local.get $dy) (local.get $end)))))

  ;; dx[r, j] = scale[j] · (dy[r, j] − meanDy[j] − (x[r, j] − mean[j]) · invStd[j] · meanDyXhat[j]),
  ;; in float32. The five per-channel rows lie one after another at $params:
  ;; mean, invStd, scale, meanDy, meanDyXhat, float32[c] each.
  (func (export "inputGradient")
    (param $dy i32) (param $x i32) (param $rows i32) (param $c i32) (param $params i32) (param $dx i32)
    (local $rowBytes i32) (local $end i32) (local $block i32) (local $blockEnd i32)
    (local $j i32) (local $p i32) (local $q i32) (local $toX i32) (local $toDx i32)
    (local $mean v128) (local $invStd v128) (local $scale v128) (local $meanDy v128) (local $meanDyXhat v128)
    (local.set $rowBytes (i32.shl (local.get $c) (i32.const 2)))
    (local.set $end (i32.add (local.get $dy) (i32.mul (local.get $rows) (local.get $rowBytes))))
    (local.set $block (call $blockBytes (local.get $rowBytes)))
    (local.set $toX (i32.sub (local.get $x) (local.get $dy)))
    (local.set $toDx (i32.sub (local.get $dx) (local.get $dy)))
    (if (i32.ge_u (local.get $dy) (local.get $end)) (then (return)))
    (loop $blocks
      (local.set $blockEnd (i32.add (local.get $dy) (local.get $block)))
      (if (i32.gt_u (local.get $blockEnd) (local.get $end)) (then (local.set $blockEnd (local.get $end))))
      (local.set $j (i32.const 0))
      (loop $groups
        (local.set $q (i32.add (local.get $params) (local.get $j)))
        (local.set $mean (v128.load (local.get $q)))
        (local.set $q (i32.add (local.get $q) (local.get $rowBytes)))
        (local.set $invStd (v128.load (local.get $q)))
        (local.set $q (i32.add (local.get $q) (local.get $rowBytes)))
        (local.set $scale (v128.load (local.get $q)))
        (local.set $q (i32.add (local.get $q) (local.get $rowBytes)))
        (local.set $meanDy (v128.load (local.get $q)))
        (local.set $q (i32.add (local.get $q) (local.get $rowBytes)))
        (local.set $meanDyXhat (v128.load (local.get $q)))
        (local.set $p (i32.add (local.get $dy) (local.get $j)))
        (loop $down
          (v128.store (i32.add (local.get $p) (local.get $toDx))
            (f32x4.mul (local.get $scale)
              (f32x4.sub
                (f32x4.sub (v128.load (local.get $p)) (local.get $meanDy))
                (f32x4.mul
                  (f32x4.mul
                    (f32x4.sub (v128.load (i32.add (local.get $p) (local.get $toX))) (local.get $mean))
                    (local.get $invStd))
                  (local.get $meanDyXhat)))))
          (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
          (br_if $down (i32.lt_u (local.get $p) (local.get $blockEnd))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br_if $groups (i32.lt_u (local.get $j) (local.get $rowBytes))))
      (local.set $dy (local.get $blockEnd))
      (br_if $blocks (i32.lt_u (local.get $dy) (local.get $end))))))
