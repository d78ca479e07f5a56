#include "core/accel/fast_convolution.h"

#include "core/util/error.h"

#include <algorithm>

namespace mdse::core {
namespace {

std::int64_t ceilDiv(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

std::int64_t log2Exact(std::int64_t n)
{
    std::int64_t bits = 0;
    while ((std::int64_t{1} << bits) < n)
        ++bits;
    return bits;
}

} // namespace

WinogradTileCost winogradTile(std::int64_t m, std::int64_t r)
{
    if (m <= 0 || r <= 0)
        throw Error("Winograd: m and r must be positive");
    WinogradTileCost c;
    c.alpha = m + r - 1;
    c.winogradMultiplications = c.alpha * c.alpha;
    c.directMultiplications = m * m * r * r;
    c.reduction = double(c.directMultiplications) / double(c.winogradMultiplications);
    return c;
}

// Per layer (Lavin & Gray 2016, Section 4): tiles = ceil(E/m) * ceil(F/m);
// element-wise products = tiles * C * M * alpha^2; transforms as dense
// matrix products (an upper bound; real kernels exploit the 0/+-1 entries
// of B, G, A): input B^T d B = 2 alpha^3 per tile and channel, filter
// G g G^T = alpha r^2 + alpha^2 r per filter and channel, output A^T y A =
// m alpha^2 + m^2 alpha per tile and filter.
FastConvCost winogradLayerCost(const ConvProblem& p, std::int64_t m)
{
    if (p.strideH != 1 || p.strideW != 1 || p.kernelH != p.kernelW)
        throw Error("Winograd needs stride 1 and a square kernel (layer '" + p.name + "')");
    const WinogradTileCost t = winogradTile(m, p.kernelH);
    const std::int64_t a = t.alpha, r = p.kernelH;
    // Tiles of every image of the batch; the filters are transformed once.
    const std::int64_t tiles = ceilDiv(p.outputH, m) * ceilDiv(p.outputW, m) * p.batch;
    FastConvCost c;
    c.directMultiplications = p.macs();
    c.elementwiseMultiplications = tiles * p.channels * p.filters * a * a * p.groups;
    c.inputTransformOps = tiles * p.channels * 2 * a * a * a * p.groups;
    c.filterTransformOps = p.channels * p.filters * (a * r * r + a * a * r) * p.groups;
    c.outputTransformOps = tiles * p.filters * (m * a * a + m * m * a) * p.groups;
    return c;
}

// FFT convolution (Mathieu, Henaff, LeCun, ICLR 2014; Mazumder et al., JETCAS 2021): a 2-D
// n x n FFT by rows and columns costs n^2 log2(n) complex multiplications
// (radix-2: (n/2) log2 n per length-n FFT, 2n of them). Per layer: C input
// FFTs, C*M complex products per frequency (n^2 each), M inverse FFTs; the
// C*M filter FFTs are done once offline. 4 real multiplications per complex one.
FastConvCost fftLayerCost(const ConvProblem& p)
{
    const std::int64_t need = std::max(p.paddedH + p.kernelH, p.paddedW + p.kernelW) - 1;
    const std::int64_t n = std::int64_t{1} << log2Exact(need);
    const std::int64_t fft = n * n * log2Exact(n);
    FastConvCost c;
    c.directMultiplications = p.macs();
    c.inputTransformOps = 4 * p.channels * fft * p.groups * p.batch;
    c.elementwiseMultiplications = 4 * p.channels * p.filters * n * n * p.groups * p.batch;
    c.filterTransformOps = 4 * p.channels * p.filters * fft * p.groups; // once for the batch
    c.outputTransformOps = 4 * p.filters * fft * p.groups * p.batch;
    return c;
}

} // namespace mdse::core
