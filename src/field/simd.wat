;; The field's hot loops in d ≠ 2, two coordinates per SIMD lane pair, 2–3× what V8 makes of the same
;; loops in JS: squared distances (fourRows, and gatherDistances for chosen points, for distances.ts), their
;; dot-product form (fourDots: a third fewer operations, the matrix-product form of |x − y|²) and weighted sums
;; of data points (weightedSum over a row's survivors; denseSums, four rows at once, for rows where most survive;
;; for empirical.ts). Assembled into simd-wasm.generated.ts by `npm run generate`
;; (scripts/generate-wasm.mjs); simd.ts owns the memory, shared between threads (one copy of the data).
;;
;; All addresses are byte offsets into the imported memory; rows and data points are stored with a padded
;; stride of `stride` bytes (an even number of doubles, the padding zero, so that it adds exact zeros).
;; Each lane does, in the same order, the IEEE operations of the JS loops that stand in for these
;; functions where WebAssembly is unavailable, so that both give the same bits.
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; out[r·outStride + j] = |y_r − x_j|² for rows r = 0..3 (at y + r·stride) and data points j = 0..count−1
  ;; (at data + j·stride); count even.
  (func (export "fourRows")
    (param $y i32) (param $data i32) (param $stride i32) (param $count i32) (param $out i32) (param $outStride i32)
    (local $j i32) (local $k i32) (local $x0p i32) (local $x1p i32) (local $outp i32)
    (local $y1 i32) (local $y2 i32) (local $y3 i32)
    (local $u0 v128) (local $u1 v128) (local $u2 v128) (local $u3 v128)
    (local $x0 v128) (local $x1 v128) (local $e v128)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local.set $y1 (i32.add (local.get $y) (local.get $stride)))
    (local.set $y2 (i32.add (local.get $y1) (local.get $stride)))
    (local.set $y3 (i32.add (local.get $y2) (local.get $stride)))
    (block $done
      (loop $points
        (br_if $done (i32.ge_s (local.get $j) (local.get $count)))
        (local.set $x0p (i32.add (local.get $data) (i32.mul (local.get $j) (local.get $stride))))
        (local.set $x1p (i32.add (local.get $x0p) (local.get $stride)))
        (local.set $s00 (v128.const f64x2 0 0)) (local.set $s01 (v128.const f64x2 0 0))
        (local.set $s10 (v128.const f64x2 0 0)) (local.set $s11 (v128.const f64x2 0 0))
        (local.set $s20 (v128.const f64x2 0 0)) (local.set $s21 (v128.const f64x2 0 0))
        (local.set $s30 (v128.const f64x2 0 0)) (local.set $s31 (v128.const f64x2 0 0))
        (local.set $k (i32.const 0))
        (loop $coordinates
          (local.set $x0 (v128.load (i32.add (local.get $x0p) (local.get $k))))
          (local.set $x1 (v128.load (i32.add (local.get $x1p) (local.get $k))))
          (local.set $u0 (v128.load (i32.add (local.get $y) (local.get $k))))
          (local.set $u1 (v128.load (i32.add (local.get $y1) (local.get $k))))
          (local.set $u2 (v128.load (i32.add (local.get $y2) (local.get $k))))
          (local.set $u3 (v128.load (i32.add (local.get $y3) (local.get $k))))
          (local.set $e (f64x2.sub (local.get $u0) (local.get $x0)))
          (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $e (f64x2.sub (local.get $u0) (local.get $x1)))
          (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $e (f64x2.sub (local.get $u1) (local.get $x0)))
          (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $e (f64x2.sub (local.get $u1) (local.get $x1)))
          (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $e (f64x2.sub (local.get $u2) (local.get $x0)))
          (local.set $s20 (f64x2.add (local.get $s20) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $e (f64x2.sub (local.get $u2) (local.get $x1)))
          (local.set $s21 (f64x2.add (local.get $s21) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $e (f64x2.sub (local.get $u3) (local.get $x0)))
          (local.set $s30 (f64x2.add (local.get $s30) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $e (f64x2.sub (local.get $u3) (local.get $x1)))
          (local.set $s31 (f64x2.add (local.get $s31) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $coordinates (i32.lt_s (local.get $k) (local.get $stride))))
        ;; row r, point j at out + r·outStride + 8j; the pair's second point 8 bytes further
        (local.set $outp (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3))))
        (call $store (local.get $outp) (local.get $s00) (local.get $s01))
        (local.set $outp (i32.add (local.get $outp) (local.get $outStride)))
        (call $store (local.get $outp) (local.get $s10) (local.get $s11))
        (local.set $outp (i32.add (local.get $outp) (local.get $outStride)))
        (call $store (local.get $outp) (local.get $s20) (local.get $s21))
        (local.set $outp (i32.add (local.get $outp) (local.get $outStride)))
        (call $store (local.get $outp) (local.get $s30) (local.get $s31))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $points))))

  ;; out[r·outStride + j] = a2[r]·norms[j] − y_r·x_j for rows r = 0..3 (at y + r·stride, a2 at a2 + 8r) and data
  ;; points j = 0..count−1 (at data + j·stride, |x_j|² at norms + 8j); count even. With y_r = 2α_r x_r and
  ;; a2[r] = α_r², that is |x_r − α_r x_j|² − |x_r|²: the squared distance less a constant of the row.
  (func (export "fourDots")
    (param $y i32) (param $data i32) (param $stride i32) (param $count i32) (param $out i32) (param $outStride i32)
    (param $norms i32) (param $a2 i32)
    (local $j i32) (local $k i32) (local $x0p i32) (local $x1p i32) (local $outp i32)
    (local $y1 i32) (local $y2 i32) (local $y3 i32)
    (local $u v128) (local $x0 v128) (local $x1 v128) (local $n v128)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local.set $y1 (i32.add (local.get $y) (local.get $stride)))
    (local.set $y2 (i32.add (local.get $y1) (local.get $stride)))
    (local.set $y3 (i32.add (local.get $y2) (local.get $stride)))
    (block $done
      (loop $points
        (br_if $done (i32.ge_s (local.get $j) (local.get $count)))
        (local.set $x0p (i32.add (local.get $data) (i32.mul (local.get $j) (local.get $stride))))
        (local.set $x1p (i32.add (local.get $x0p) (local.get $stride)))
        (local.set $s00 (v128.const f64x2 0 0)) (local.set $s01 (v128.const f64x2 0 0))
        (local.set $s10 (v128.const f64x2 0 0)) (local.set $s11 (v128.const f64x2 0 0))
        (local.set $s20 (v128.const f64x2 0 0)) (local.set $s21 (v128.const f64x2 0 0))
        (local.set $s30 (v128.const f64x2 0 0)) (local.set $s31 (v128.const f64x2 0 0))
        (local.set $k (i32.const 0))
        (loop $coordinates
          (local.set $x0 (v128.load (i32.add (local.get $x0p) (local.get $k))))
          (local.set $x1 (v128.load (i32.add (local.get $x1p) (local.get $k))))
          (local.set $u (v128.load (i32.add (local.get $y) (local.get $k))))
          (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $u) (local.get $x0))))
          (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $u) (local.get $x1))))
          (local.set $u (v128.load (i32.add (local.get $y1) (local.get $k))))
          (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $u) (local.get $x0))))
          (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $u) (local.get $x1))))
          (local.set $u (v128.load (i32.add (local.get $y2) (local.get $k))))
          (local.set $s20 (f64x2.add (local.get $s20) (f64x2.mul (local.get $u) (local.get $x0))))
          (local.set $s21 (f64x2.add (local.get $s21) (f64x2.mul (local.get $u) (local.get $x1))))
          (local.set $u (v128.load (i32.add (local.get $y3) (local.get $k))))
          (local.set $s30 (f64x2.add (local.get $s30) (f64x2.mul (local.get $u) (local.get $x0))))
          (local.set $s31 (f64x2.add (local.get $s31) (f64x2.mul (local.get $u) (local.get $x1))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $coordinates (i32.lt_s (local.get $k) (local.get $stride))))
        (local.set $n (v128.load (i32.add (local.get $norms) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $outp (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3))))
        (call $storeDots (local.get $outp) (local.get $s00) (local.get $s01) (local.get $n) (f64.load (local.get $a2)))
        (local.set $outp (i32.add (local.get $outp) (local.get $outStride)))
        (call $storeDots (local.get $outp) (local.get $s10) (local.get $s11) (local.get $n)
          (f64.load offset=8 (local.get $a2)))
        (local.set $outp (i32.add (local.get $outp) (local.get $outStride)))
        (call $storeDots (local.get $outp) (local.get $s20) (local.get $s21) (local.get $n)
          (f64.load offset=16 (local.get $a2)))
        (local.set $outp (i32.add (local.get $outp) (local.get $outStride)))
        (call $storeDots (local.get $outp) (local.get $s30) (local.get $s31) (local.get $n)
          (f64.load offset=24 (local.get $a2)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $points))))

  ;; out[0] = a2·n[0] − (lane 0 + lane 1 of a), out[1] = a2·n[1] − (lane 0 + lane 1 of b)
  (func $storeDots (param $p i32) (param $a v128) (param $b v128) (param $n v128) (param $a2 f64)
    (v128.store (local.get $p)
      (f64x2.sub
        (f64x2.mul (f64x2.splat (local.get $a2)) (local.get $n))
        (f64x2.add
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $a) (local.get $b))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $a) (local.get $b))))))

  ;; out[c] = |y − x_{points[c]}|² for c < count, each summed as fourRows sums a pair (the same bits).
  (func (export "gatherDistances")
    (param $y i32) (param $data i32) (param $stride i32) (param $points i32) (param $count i32) (param $out i32)
    (local $c i32) (local $k i32) (local $xp i32) (local $e v128) (local $s v128)
    (block $done
      (loop $candidates
        (br_if $done (i32.ge_s (local.get $c) (local.get $count)))
        (local.set $xp (i32.add (local.get $data)
          (i32.mul (i32.load (i32.add (local.get $points) (i32.shl (local.get $c) (i32.const 2)))) (local.get $stride))))
        (local.set $s (v128.const f64x2 0 0))
        (local.set $k (i32.const 0))
        (loop $coordinates
          (local.set $e (f64x2.sub (v128.load (i32.add (local.get $y) (local.get $k)))
            (v128.load (i32.add (local.get $xp) (local.get $k)))))
          (local.set $s (f64x2.add (local.get $s) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $coordinates (i32.lt_s (local.get $k) (local.get $stride))))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $c) (i32.const 3)))
          (f64.add (f64x2.extract_lane 0 (local.get $s)) (f64x2.extract_lane 1 (local.get $s))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $candidates))))

  ;; out[0] = lane 0 + lane 1 of a, out[1] = lane 0 + lane 1 of b
  (func $store (param $p i32) (param $a v128) (param $b v128)
    (f64.store (local.get $p) (f64.add (f64x2.extract_lane 0 (local.get $a)) (f64x2.extract_lane 1 (local.get $a))))
    (f64.store offset=8 (local.get $p) (f64.add (f64x2.extract_lane 0 (local.get $b)) (f64x2.extract_lane 1 (local.get $b)))))

  ;; acc_r[k] += Σ_{j < count} w_r[j] · x_j[k] for four rows r (weights at w0..w3, accumulators at acc0..acc3,
  ;; 8 bytes a double), each term added in j order: the order weightedSum adds a row's survivors, so with w_r zero
  ;; off the survivors the bits are the same (a zero term leaves a sum that never is −0 unchanged). The data in
  ;; blocks of `block` points that stay in L1 while the accumulators of four coordinates of the four rows stay
  ;; in registers: 16 arithmetic operations per 6 loads, where weightedSum does 8 per 6 loads and stores.
  (func (export "denseSums")
    (param $data i32) (param $stride i32) (param $count i32) (param $block i32)
    (param $w0 i32) (param $w1 i32) (param $w2 i32) (param $w3 i32)
    (param $acc0 i32) (param $acc1 i32) (param $acc2 i32) (param $acc3 i32)
    (local $j0 i32) (local $jend i32) (local $j i32) (local $k i32) (local $p i32) (local $jb i32)
    (local $x0 v128) (local $x1 v128) (local $w v128)
    (local $a00 v128) (local $a01 v128) (local $a10 v128) (local $a11 v128)
    (local $a20 v128) (local $a21 v128) (local $a30 v128) (local $a31 v128)
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_s (local.get $j0) (local.get $count)))
        (local.set $jend (i32.add (local.get $j0) (local.get $block)))
        (if (i32.gt_s (local.get $jend) (local.get $count)) (then (local.set $jend (local.get $count))))
        (local.set $k (i32.const 0))
        ;; four coordinates (two lanes pairs) at a time
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.gt_s (i32.add (local.get $k) (i32.const 32)) (local.get $stride)))
            (local.set $a00 (v128.load (i32.add (local.get $acc0) (local.get $k))))
            (local.set $a01 (v128.load offset=16 (i32.add (local.get $acc0) (local.get $k))))
            (local.set $a10 (v128.load (i32.add (local.get $acc1) (local.get $k))))
            (local.set $a11 (v128.load offset=16 (i32.add (local.get $acc1) (local.get $k))))
            (local.set $a20 (v128.load (i32.add (local.get $acc2) (local.get $k))))
            (local.set $a21 (v128.load offset=16 (i32.add (local.get $acc2) (local.get $k))))
            (local.set $a30 (v128.load (i32.add (local.get $acc3) (local.get $k))))
            (local.set $a31 (v128.load offset=16 (i32.add (local.get $acc3) (local.get $k))))
            (local.set $j (local.get $j0))
            (local.set $p (i32.add (i32.add (local.get $data) (i32.mul (local.get $j0) (local.get $stride))) (local.get $k)))
            (loop $points
              (local.set $x0 (v128.load (local.get $p)))
              (local.set $x1 (v128.load offset=16 (local.get $p)))
              (local.set $jb (i32.shl (local.get $j) (i32.const 3)))
              (local.set $w (v128.load64_splat (i32.add (local.get $w0) (local.get $jb))))
              (local.set $a00 (f64x2.add (local.get $a00) (f64x2.mul (local.get $w) (local.get $x0))))
              (local.set $a01 (f64x2.add (local.get $a01) (f64x2.mul (local.get $w) (local.get $x1))))
              (local.set $w (v128.load64_splat (i32.add (local.get $w1) (local.get $jb))))
              (local.set $a10 (f64x2.add (local.get $a10) (f64x2.mul (local.get $w) (local.get $x0))))
              (local.set $a11 (f64x2.add (local.get $a11) (f64x2.mul (local.get $w) (local.get $x1))))
              (local.set $w (v128.load64_splat (i32.add (local.get $w2) (local.get $jb))))
              (local.set $a20 (f64x2.add (local.get $a20) (f64x2.mul (local.get $w) (local.get $x0))))
              (local.set $a21 (f64x2.add (local.get $a21) (f64x2.mul (local.get $w) (local.get $x1))))
              (local.set $w (v128.load64_splat (i32.add (local.get $w3) (local.get $jb))))
              (local.set $a30 (f64x2.add (local.get $a30) (f64x2.mul (local.get $w) (local.get $x0))))
              (local.set $a31 (f64x2.add (local.get $a31) (f64x2.mul (local.get $w) (local.get $x1))))
              (local.set $p (i32.add (local.get $p) (local.get $stride)))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br_if $points (i32.lt_s (local.get $j) (local.get $jend))))
            (v128.store (i32.add (local.get $acc0) (local.get $k)) (local.get $a00))
            (v128.store offset=16 (i32.add (local.get $acc0) (local.get $k)) (local.get $a01))
            (v128.store (i32.add (local.get $acc1) (local.get $k)) (local.get $a10))
            (v128.store offset=16 (i32.add (local.get $acc1) (local.get $k)) (local.get $a11))
            (v128.store (i32.add (local.get $acc2) (local.get $k)) (local.get $a20))
            (v128.store offset=16 (i32.add (local.get $acc2) (local.get $k)) (local.get $a21))
            (v128.store (i32.add (local.get $acc3) (local.get $k)) (local.get $a30))
            (v128.store offset=16 (i32.add (local.get $acc3) (local.get $k)) (local.get $a31))
            (local.set $k (i32.add (local.get $k) (i32.const 32)))
            (br $pairs)))
        ;; a last two coordinates (stride ≡ 2 mod 4)
        (if (i32.lt_s (local.get $k) (local.get $stride))
          (then
            (local.set $a00 (v128.load (i32.add (local.get $acc0) (local.get $k))))
            (local.set $a10 (v128.load (i32.add (local.get $acc1) (local.get $k))))
            (local.set $a20 (v128.load (i32.add (local.get $acc2) (local.get $k))))
            (local.set $a30 (v128.load (i32.add (local.get $acc3) (local.get $k))))
            (local.set $j (local.get $j0))
            (local.set $p (i32.add (i32.add (local.get $data) (i32.mul (local.get $j0) (local.get $stride))) (local.get $k)))
            (loop $points
              (local.set $x0 (v128.load (local.get $p)))
              (local.set $jb (i32.shl (local.get $j) (i32.const 3)))
              (local.set $a00 (f64x2.add (local.get $a00)
                (f64x2.mul (v128.load64_splat (i32.add (local.get $w0) (local.get $jb))) (local.get $x0))))
              (local.set $a10 (f64x2.add (local.get $a10)
                (f64x2.mul (v128.load64_splat (i32.add (local.get $w1) (local.get $jb))) (local.get $x0))))
              (local.set $a20 (f64x2.add (local.get $a20)
                (f64x2.mul (v128.load64_splat (i32.add (local.get $w2) (local.get $jb))) (local.get $x0))))
              (local.set $a30 (f64x2.add (local.get $a30)
                (f64x2.mul (v128.load64_splat (i32.add (local.get $w3) (local.get $jb))) (local.get $x0))))
              (local.set $p (i32.add (local.get $p) (local.get $stride)))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br_if $points (i32.lt_s (local.get $j) (local.get $jend))))
            (v128.store (i32.add (local.get $acc0) (local.get $k)) (local.get $a00))
            (v128.store (i32.add (local.get $acc1) (local.get $k)) (local.get $a10))
            (v128.store (i32.add (local.get $acc2) (local.get $k)) (local.get $a20))
            (v128.store (i32.add (local.get $acc3) (local.get $k)) (local.get $a30))))
        (local.set $j0 (local.get $jend))
        (br $blocks))))

  ;; acc[k] = Σ_c coef[c] · x_{survivor[c]}[k] for k < stride/8, c < count: four points per pass over acc,
  ;; each pass acc + w0 x0 + w1 x1 + w2 x2 + w3 x3 left to right, then one point per pass for the rest.
  (func (export "weightedSum")
    (param $data i32) (param $stride i32) (param $survivors i32) (param $coefs i32) (param $count i32) (param $acc i32)
    (local $c i32) (local $k i32) (local $p i32)
    (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128)
    (local.set $k (i32.const 0))
    (loop $zero
      (v128.store (i32.add (local.get $acc) (local.get $k)) (v128.const f64x2 0 0))
      (local.set $k (i32.add (local.get $k) (i32.const 16)))
      (br_if $zero (i32.lt_s (local.get $k) (local.get $stride))))
    (block $quadsDone
      (loop $quads
        (br_if $quadsDone (i32.gt_s (i32.add (local.get $c) (i32.const 4)) (local.get $count)))
        (local.set $p (i32.add (local.get $survivors) (i32.shl (local.get $c) (i32.const 2))))
        (local.set $b0 (i32.add (local.get $data) (i32.mul (i32.load (local.get $p)) (local.get $stride))))
        (local.set $b1 (i32.add (local.get $data) (i32.mul (i32.load offset=4 (local.get $p)) (local.get $stride))))
        (local.set $b2 (i32.add (local.get $data) (i32.mul (i32.load offset=8 (local.get $p)) (local.get $stride))))
        (local.set $b3 (i32.add (local.get $data) (i32.mul (i32.load offset=12 (local.get $p)) (local.get $stride))))
        (local.set $p (i32.add (local.get $coefs) (i32.shl (local.get $c) (i32.const 3))))
        (local.set $w0 (v128.load64_splat (local.get $p)))
        (local.set $w1 (v128.load64_splat offset=8 (local.get $p)))
        (local.set $w2 (v128.load64_splat offset=16 (local.get $p)))
        (local.set $w3 (v128.load64_splat offset=24 (local.get $p)))
        (local.set $k (i32.const 0))
        (loop $coordinates
          (local.set $p (i32.add (local.get $acc) (local.get $k)))
          (v128.store (local.get $p)
            (f64x2.add
              (f64x2.add
                (f64x2.add
                  (f64x2.add (v128.load (local.get $p))
                    (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $b0) (local.get $k)))))
                  (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $b1) (local.get $k)))))
                (f64x2.mul (local.get $w2) (v128.load (i32.add (local.get $b2) (local.get $k)))))
              (f64x2.mul (local.get $w3) (v128.load (i32.add (local.get $b3) (local.get $k))))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $coordinates (i32.lt_s (local.get $k) (local.get $stride))))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $quads)))
    (block $done
      (loop $singles
        (br_if $done (i32.ge_s (local.get $c) (local.get $count)))
        (local.set $b0 (i32.add (local.get $data)
          (i32.mul (i32.load (i32.add (local.get $survivors) (i32.shl (local.get $c) (i32.const 2)))) (local.get $stride))))
        (local.set $w0 (v128.load64_splat (i32.add (local.get $coefs) (i32.shl (local.get $c) (i32.const 3)))))
        (local.set $k (i32.const 0))
        (loop $coordinates
          (local.set $p (i32.add (local.get $acc) (local.get $k)))
          (v128.store (local.get $p)
            (f64x2.add (v128.load (local.get $p))
              (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $b0) (local.get $k))))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $coordinates (i32.lt_s (local.get $k) (local.get $stride))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $singles)))))
