#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace mdse::core {

// Quantization and pruning error of one real weight tensor (issue #4).
//
// Symmetric uniform quantizer (Arm TinyML talk, seed 003, after Distiller):
//   Q(w) = s * round(clip(w, -wmax, wmax) / s),  s = wmax / (2^(b-1) - 1)
// with wmax either max|w| or the clip that minimises the mean squared
// error. SQNR = 10 log10(sum w^2 / sum (w - Q(w))^2) in dB.
// Ternary (Li & Liu, "Ternary Weight Networks", 2016): threshold
// 0.7 * mean|w|, scale = mean |w| above it. Binary (Rastegari et al.,
// XNOR-Net, 2016): a * sign(w) with a = mean|w|.

struct SensitivityOptions {
    std::vector<int> bits{2, 4, 8};              // uniform-quantizer widths, each 2..16
    std::vector<double> sparsities{0.5, 0.75, 0.9}; // magnitude-pruning thresholds
    // The MSE-optimal clip is searched on a strided subsample of at most
    // this many elements (golden-section search over (0, max|w|]); the
    // chosen clip's error is then measured exactly on the whole tensor.
    std::size_t clipSearchSamples = 4096;
};

struct BitWidthError {
    int bits = 8;
    double maxAbsClip = 0.0;
    double maxAbsMse = 0.0;      // mean squared error per element
    double maxAbsSqnrDb = 0.0;
    double mseClip = 0.0;
    double mseClipMse = 0.0;
    double mseClipSqnrDb = 0.0;
};

struct SparsityThreshold {
    double sparsity = 0.0;
    double threshold = 0.0; // |w| at or below which the fraction `sparsity` of weights lies
    double sqnrDb = 0.0;    // of zeroing the weights below it
};

struct TensorSensitivity {
    std::int64_t elements = 0;
    double meanSquare = 0.0;
    std::vector<BitWidthError> bitWidths;
    std::vector<SparsityThreshold> thresholds; // in the order of options.sparsities
    double ternaryMse = 0.0;
    double ternarySqnrDb = 0.0;
    double binaryMse = 0.0;
    double binarySqnrDb = 0.0;
};

// Throws core::Error for an empty tensor or a width outside 2..16.
TensorSensitivity analyzeTensor(std::span<const float> weights, const SensitivityOptions& options = {});

// Mean squared error of the symmetric uniform quantizer at `bits` with
// clip `wmax` (vectorised; rounding is to nearest, ties to even).
double quantizationMse(std::span<const float> weights, int bits, double wmax);

// 10 log10(signal / noise); +infinity when noise is zero.
double sqnrDb(double signalMeanSquare, double noiseMeanSquare);

} // namespace mdse::core
