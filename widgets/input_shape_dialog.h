#pragma once

#include "core/graph/shape.h"
#include "core/io/onnx/onnx_inputs.h"

#include <QDialog>

#include <map>
#include <string>
#include <vector>

class QSpinBox;

namespace mdse::widgets {

// Asks for the extents of an ONNX model's symbolic input dimensions (the
// studio's counterpart of the CLI's `--input-shape name=1x3x224x224`): one
// row per graph input with its dimensions in order; fixed ones are shown,
// the batch is fixed at 1, each other symbolic one is a spin box.
class InputShapeDialog : public QDialog {
    Q_OBJECT
public:
    InputShapeDialog(const QString& fileName, std::vector<core::OnnxInputInfo> inputs, QWidget* parent = nullptr);

    // Full shapes (batch included) of the inputs that need an override,
    // by input name: OnnxImportOptions::inputShapes.
    std::map<std::string, core::Shape> inputShapes() const;
    // The spin box of `axis` of input `name` (nullptr if that axis is not symbolic).
    QSpinBox* spinBox(const QString& name, int axis) const;

private:
    QWidget* createDimsRow(const core::OnnxInputInfo& input);

    std::vector<core::OnnxInputInfo> m_inputs;
    std::vector<std::vector<QSpinBox*>> m_spinBoxes; // per input, its symbolic axes in order
};

} // namespace mdse::widgets
