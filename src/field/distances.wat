;; Squared distances, four rows against two data points at a time, two coordinates per SIMD lane pair:
;; the d > 2 hot loop of the field (distances.ts), about 3× what V8 makes of the same loop in JS.
;; Compiled into distances-wasm.generated.ts by `npm run generate` (scripts/generate-wasm.mjs).
;;
;; All addresses are byte offsets into the imported memory; rows and data points are stored with a padded
;; stride of `stride` bytes (an even number of doubles, the padding zero in both, so that it adds exact
;; zeros). Each distance is (Σ_{k even} e_k²) + (Σ_{k odd} e_k²), summed in k order within each lane: the
;; JS fallback in distances.ts computes exactly this, so both give the same bits.
(module
  (import "env" "memory" (memory 1))

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

  ;; out[0] = lane 0 + lane 1 of a, out[1] = lane 0 + lane 1 of b
  (func $store (param $p i32) (param $a v128) (param $b v128)
    (f64.store (local.get $p) (f64.add (f64x2.extract_lane 0 (local.get $a)) (f64x2.extract_lane 1 (local.get $a))))
    (f64.store offset=8 (local.get $p) (f64.add (f64x2.extract_lane 0 (local.get $b)) (f64x2.extract_lane 1 (local.get $b))))))
