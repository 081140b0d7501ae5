/**
 * The data movement around the GEMMs and convolutions of wasm-conv-grads.ts:
 * plain loops over Float32Arrays (NHWC tensors, filters [kh, kw, ci, co]).
 */

/** Convolution geometry, as TF.js's own `computeConv2DInfo` computes it. */
export interface ConvGeometry {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  padTop: number;
  padBottom: number;
  padLeft: number;
  padRight: number;
}

/**
 * colsᵀ[(kh·KW + kw)·C + ci][p] = x at the pixel that filter tap (kh, kw)
 * sees for output position p, or 0 in the padding.
 *
 * One filter tap at a time, so only C rows of cols are being written at once,
 * each sequentially. Writing one row at a time instead (sequential writes,
 * reads C floats apart) measured faster only for 1–2 input channels and
 * 1.1–4.5× slower from 8 on, or with stride 2.
 */
export function im2colTransposed(x: Float32Array, cols: Float32Array, g: ConvGeometry): void {
  const H = g.inHeight,
    W = g.inWidth,
    C = g.inChannels;
  const OH = g.outHeight,
    OW = g.outWidth;
  const P = g.batchSize * OH * OW;
  for (let kh = 0; kh < g.filterHeight; kh++) {
    for (let kw = 0; kw < g.filterWidth; kw++) {
      const rowBase = (kh * g.filterWidth + kw) * C * P;
      let p = 0;
      for (let b = 0; b < g.batchSize; b++) {
        for (let oy = 0; oy < OH; oy++) {
          const iy = oy * g.strideHeight - g.padTop + kh;
          const rowInside = iy >= 0 && iy < H;
          for (let ox = 0; ox < OW; ox++, p++) {
            const ix = ox * g.strideWidth - g.padLeft + kw;
            let d = rowBase + p;
            if (rowInside && ix >= 0 && ix < W) {
              const src = ((b * H + iy) * W + ix) * C;
              for (let c = 0; c < C; c++, d += P) cols[d] = x[src + c]!;
            } else {
              for (let c = 0; c < C; c++, d += P) cols[d] = 0;
            }
          }
        }
      }
    }
  }
}

/** dx (NHWC, zeroed here) += each row p of dcols (P × K) at the pixels its receptive field covers. */
export function col2imAdd(dcols: Float32Array, dx: Float32Array, g: ConvGeometry): void {
  const H = g.inHeight,
    W = g.inWidth,
    C = g.inChannels;
  const KW = g.filterWidth;
  const K = g.filterHeight * KW * C;
  dx.fill(0);
  let src = 0;
  for (let b = 0; b < g.batchSize; b++) {
    for (let oy = 0; oy < g.outHeight; oy++) {
      const iy0 = oy * g.strideHeight - g.padTop;
      for (let ox = 0; ox < g.outWidth; ox++, src += K) {
        const ix0 = ox * g.strideWidth - g.padLeft;
        for (let kh = 0; kh < g.filterHeight; kh++) {
          const iy = iy0 + kh;
          if (iy < 0 || iy >= H) continue;
          for (let kw = 0; kw < KW; kw++) {
            const ix = ix0 + kw;
            if (ix < 0 || ix >= W) continue;
            const dst = ((b * H + iy) * W + ix) * C;
            const from = src + (kh * KW + kw) * C;
            for (let c = 0; c < C; c++) dx[dst + c] = dx[dst + c]! + dcols[from + c]!;
          }
        }
      }
    }
  }
}

/**
 * The filter of dx as a forward convolution of dy: turned by 180° in space,
 * in and out channels swapped. out[kh, kw, co, ci] = w[KH−1−kh, KW−1−kw, ci, co].
 */
export function flipFilter(w: Float32Array, out: Float32Array, g: ConvGeometry): void {
  const KH = g.filterHeight,
    KW = g.filterWidth,
    CI = g.inChannels,
    CO = g.outChannels;
  let s = 0;
  for (let kh = 0; kh < KH; kh++) {
    for (let kw = 0; kw < KW; kw++) {
      const base = ((KH - 1 - kh) * KW + (KW - 1 - kw)) * CO * CI;
      for (let ci = 0; ci < CI; ci++) {
        for (let co = 0, d = base + ci; co < CO; co++, d += CI) out[d] = w[s++]!;
      }
    }
  }
}

/** The pixels an unpadded 1×1 conv with strides reads: out [n, outH, outW, c] from x [n, h, w, c]. */
export function subsample(x: Float32Array, out: Float32Array, g: ConvGeometry): void {
  const H = g.inHeight,
    W = g.inWidth,
    C = g.inChannels;
  let d = 0;
  for (let b = 0; b < g.batchSize; b++) {
    for (let oy = 0; oy < g.outHeight; oy++) {
      let s = (b * H + oy * g.strideHeight) * W * C;
      // A plain loop: subarray() and set() per pixel cost more than they save for few channels.
      for (let ox = 0; ox < g.outWidth; ox++, s += (g.strideWidth - 1) * C) {
        for (let c = 0; c < C; c++) out[d++] = x[s++]!;
      }
    }
  }
}

/** dst (cols × rows) = srcᵀ, src being rows × cols. For small matrices: large ones go to the backend. */
export function transpose2D(src: Float32Array, dst: Float32Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0, s = r * cols; c < cols; c++, s++) dst[c * rows + r] = src[s]!;
  }
}
