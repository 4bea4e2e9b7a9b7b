; The Adam update as a WebAssembly SIMD function over the wasm backend's heap, for
; kernels/simd-adam.ts. LLVM IR (no C toolchain needed); rebuild the embedded bytes with:
;   opt -O3 -mtriple=wasm32-unknown-unknown -mattr=+simd128 adam.ll -S -o adam.opt.ll
;   llc -mtriple=wasm32-unknown-unknown -mattr=+simd128 -O3 -filetype=obj adam.opt.ll -o adam.o
;   base64 -w0 adam.o   → simdAdamModule in simd-adam.ts
; (LLVM 14; opt vectorises the loop to f32x4.) The object file is a plain module importing
; env.__linear_memory and exporting `adam` (n contiguous values), `adam_rows` (the rows
; ids[0…count) of [rows, width] tables from a [count, width] gradient) and `sumsq` (Σ x², in
; double, for the gradient norm). Adam per element:
;   g = g[i]·scale; m' = b1·m + k1·g; v' = b2·v + k2·g²; w' = w − rate·m'/(√v' + eps)
; Outputs may be the inputs element for element (an update in place), never partly overlapping.
target datalayout = "e-m:e-p:32:32-p10:8:8-p20:8:8-i64:64-n32:64-S128-ni:1:10:20"
target triple = "wasm32-unknown-unknown"

declare float @llvm.sqrt.f32(float)

; w, g, m, v: input pointers; wo, mo, vo: outputs (may alias the inputs elementwise); n elements
define void @adam(float* noalias %w, float* noalias %g, float* noalias %m, float* noalias %v, float* noalias %wo, float* noalias %mo, float* noalias %vo, i32 %n, float %b1, float %k1, float %b2, float %k2, float %scale, float %rate, float %eps) #0 {
entry:
  %cmp0 = icmp sgt i32 %n, 0
  br i1 %cmp0, label %loop, label %exit
loop:
  %i = phi i32 [ 0, %entry ], [ %inext, %loop ]
  %pw = getelementptr inbounds float, float* %w, i32 %i
  %pg = getelementptr inbounds float, float* %g, i32 %i
  %pm = getelementptr inbounds float, float* %m, i32 %i
  %pv = getelementptr inbounds float, float* %v, i32 %i
  %gw = load float, float* %pg, align 4
  %gs = fmul float %gw, %scale
  %m0 = load float, float* %pm, align 4
  %v0 = load float, float* %pv, align 4
  %w0 = load float, float* %pw, align 4
  %ma = fmul float %m0, %b1
  %mb = fmul float %gs, %k1
  %m1 = fadd float %ma, %mb
  %va = fmul float %v0, %b2
  %g2 = fmul float %gs, %gs
  %vb = fmul float %g2, %k2
  %v1 = fadd float %va, %vb
  %sq = call float @llvm.sqrt.f32(float %v1)
  %den = fadd float %sq, %eps
  %num = fmul float %m1, %rate
  %st = fdiv float %num, %den
  %w1 = fsub float %w0, %st
  %pwo = getelementptr inbounds float, float* %wo, i32 %i
  %pmo = getelementptr inbounds float, float* %mo, i32 %i
  %pvo = getelementptr inbounds float, float* %vo, i32 %i
  store float %m1, float* %pmo, align 4
  store float %v1, float* %pvo, align 4
  store float %w1, float* %pwo, align 4
  %inext = add nuw nsw i32 %i, 1
  %done = icmp eq i32 %inext, %n
  br i1 %done, label %exit, label %loop
exit:
  ret void
}
attributes #0 = { nounwind "target-features"="+simd128" "wasm-export-name"="adam" }

; Rows ids[0…count) of [rows, width] tables: row k of g updates row ids[k] of w, m, v.
define void @adam_rows(float* noalias %w, float* noalias %g, float* noalias %m, float* noalias %v, float* noalias %wo, float* noalias %mo, float* noalias %vo, i32* noalias %ids, i32 %count, i32 %width, float %b1, float %k1, float %b2, float %k2, float %scale, float %rate, float %eps) #1 {
entry:
  %c0 = icmp sgt i32 %count, 0
  %w0ok = icmp sgt i32 %width, 0
  %ok = and i1 %c0, %w0ok
  br i1 %ok, label %outer, label %exit
outer:
  %k = phi i32 [ 0, %entry ], [ %knext, %outer.end ]
  %pid = getelementptr inbounds i32, i32* %ids, i32 %k
  %row = load i32, i32* %pid, align 4
  %base = mul nsw i32 %row, %width
  %gbase = mul nsw i32 %k, %width
  br label %inner
inner:
  %j = phi i32 [ 0, %outer ], [ %jnext, %inner ]
  %i = add nsw i32 %base, %j
  %gi = add nsw i32 %gbase, %j
  %pw = getelementptr inbounds float, float* %w, i32 %i
  %pg = getelementptr inbounds float, float* %g, i32 %gi
  %pm = getelementptr inbounds float, float* %m, i32 %i
  %pv = getelementptr inbounds float, float* %v, i32 %i
  %gw = load float, float* %pg, align 4
  %gs = fmul float %gw, %scale
  %m0 = load float, float* %pm, align 4
  %v0 = load float, float* %pv, align 4
  %w0 = load float, float* %pw, align 4
  %ma = fmul float %m0, %b1
  %mb = fmul float %gs, %k1
  %m1 = fadd float %ma, %mb
  %va = fmul float %v0, %b2
  %g2 = fmul float %gs, %gs
  %vb = fmul float %g2, %k2
  %v1 = fadd float %va, %vb
  %sq = call float @llvm.sqrt.f32(float %v1)
  %den = fadd float %sq, %eps
  %num = fmul float %m1, %rate
  %st = fdiv float %num, %den
  %w1 = fsub float %w0, %st
  %pwo = getelementptr inbounds float, float* %wo, i32 %i
  %pmo = getelementptr inbounds float, float* %mo, i32 %i
  %pvo = getelementptr inbounds float, float* %vo, i32 %i
  store float %m1, float* %pmo, align 4
  store float %v1, float* %pvo, align 4
  store float %w1, float* %pwo, align 4
  %jnext = add nuw nsw i32 %j, 1
  %jdone = icmp eq i32 %jnext, %width
  br i1 %jdone, label %outer.end, label %inner
outer.end:
  %knext = add nuw nsw i32 %k, 1
  %kdone = icmp eq i32 %knext, %count
  br i1 %kdone, label %exit, label %outer
exit:
  ret void
}
attributes #1 = { nounwind "target-features"="+simd128" "wasm-export-name"="adam_rows" }

; Σ x[i]² over n contiguous values, accumulated in double.
define double @sumsq(float* noalias %x, i32 %n) #2 {
entry:
  %c = icmp sgt i32 %n, 0
  br i1 %c, label %loop, label %exit
loop:
  %i = phi i32 [ 0, %entry ], [ %inext, %loop ]
  %acc = phi double [ 0.0, %entry ], [ %acc2, %loop ]
  %p = getelementptr inbounds float, float* %x, i32 %i
  %v = load float, float* %p, align 4
  %d = fpext float %v to double
  %sq = fmul fast double %d, %d
  %acc2 = fadd fast double %acc, %sq
  %inext = add nuw nsw i32 %i, 1
  %done = icmp eq i32 %inext, %n
  br i1 %done, label %exit, label %loop
exit:
  %r = phi double [ 0.0, %entry ], [ %acc2, %loop ]
  ret double %r
}
attributes #2 = { nounwind "target-features"="+simd128" "wasm-export-name"="sumsq" }
