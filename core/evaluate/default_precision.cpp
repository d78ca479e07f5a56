#include "core/evaluate/default_precision.h"

#include "core/evaluate/design_spec.h"

namespace mdse::core {

DefaultPrecision defaultPrecision(const TargetSpec& target)
{
    switch (target.kind) {
    case TargetKind::Mcu:
        return {Precision::Int8, Precision::Int8, "MCU deployment: int8 weights and activations unless the design says otherwise"};
    case TargetKind::Fpga: {
        const hwlib::AcceleratorTemplate& accel = target.accelerator;
        const Precision weights = precisionFromBits(accel.weightBits).value_or(Precision::Fp32);
        const Precision activations = precisionFromBits(accel.activationBits).value_or(Precision::Fp32);
        return {weights, activations,
                "accelerator: the template's word widths (" + precisionName(weights) + " weights, "
                    + precisionName(activations) + " activations) unless the design says otherwise"};
    }
    case TargetKind::None: break;
    }
    return {Precision::Fp32, Precision::Fp32, "no target: fp32 weights and activations unless the design says otherwise"};
}

} // namespace mdse::core
