export declare const sech: (x: number) => number;
export declare const csch: (x: number) => number;
export declare const coth: (x: number) => number;
export declare const sec: (x: number) => number;
export declare const csc: (x: number) => number;
export declare const cot: (x: number) => number;
export declare const heaviside: (x: number) => number;
/** σ(x) = 1/(1 + e^{−x}), without overflow for large |x|. */
export declare function sigmoid(x: number): number;
/** softplus(x) = log(1 + e^x), exact for large |x|. */
export declare function softplus(x: number): number;
/** log sech(u) = log 2 − |u| − log1p(e^{−2|u|})  (MATH.md §2). */
export declare function logsech(u: number): number;
/** log cosh(u) = |u| + log1p(e^{−2|u|}) − log 2. */
export declare function logcosh(u: number): number;
/** log |sinh(u)| = |u| + log1p(−e^{−2|u|}) − log 2. */
export declare function logsinh(u: number): number;
/** log(1 − e^{−a}) for a > 0, accurate for small and large a (Mächler 2012). */
export declare function log1mexp(a: number): number;
/** log(e^a + e^b) without overflow. */
export declare function logaddexp(a: number, b: number): number;
/** log |tanh(u)| = log1p(−e^{−2|u|}) − log1p(e^{−2|u|}). */
export declare function logtanh(u: number): number;
