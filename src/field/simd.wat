;; The field's two hot loops in d ≠ 2, two coordinates per SIMD lane pair, 2–3× what V8 makes of the same
;; loops in JS: squared distances (fourRows, for distances.ts) and weighted sums of data points
;; (weightedSum, for empirical.ts). Assembled into simd-wasm.generated.ts by `npm run generate`
;; (scripts/generate-wasm.mjs); simd.ts owns the memory.
;;
;; All addresses are byte offsets into the imported memory; rows and data points are stored with a padded
;; stride of `stride` bytes (an even number of doubles, the padding zero, so that it adds exact zeros).
;; Each lane does, in the same order, the IEEE operations of the JS loops that stand in for these
;; functions where WebAssembly is unavailable, so that both give the same bits.
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
    (f64.store offset=8 (local.get $p) (f64.add (f64x2.extract_lane 0 (local.get $b)) (f64x2.extract_lane 1 (local.get $b)))))

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
