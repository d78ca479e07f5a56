#include "widgets/input_shape_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace mdse::widgets {

namespace {

// Largest extent offered; the importer checks the resulting tensor sizes.
constexpr int kMaxExtent = 1 << 20;

QString spinBoxName(const QString& input, int axis)
{
    return QStringLiteral("dim:%1:%2").arg(input).arg(axis);
}

} // namespace

InputShapeDialog::InputShapeDialog(const QString& fileName, std::vector<core::OnnxInputInfo> inputs, QWidget* parent)
    : QDialog(parent)
    , m_inputs(std::move(inputs))
{
    setObjectName(QStringLiteral("inputShapeDialog"));
    setWindowTitle(tr("Input Shapes"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("%1 has symbolic input dimensions. Enter their extents; "
                                "the batch is fixed at 1.").arg(fileName),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    for (const core::OnnxInputInfo& input : m_inputs)
        form->addRow(QString::fromStdString(input.name), createDimsRow(input));
    layout->addLayout(form);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("buttons"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QWidget* InputShapeDialog::createDimsRow(const core::OnnxInputInfo& input)
{
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    std::vector<QSpinBox*>& boxes = m_spinBoxes.emplace_back();
    const QString name = QString::fromStdString(input.name);
    for (std::size_t axis = 0; axis < input.dims.size(); ++axis) {
        const core::OnnxInputDim& dim = input.dims[axis];
        if (axis > 0)
            layout->addWidget(new QLabel(QStringLiteral("×"), row));
        const QString symbol = QString::fromStdString(dim.symbol);
        if (dim.kind == core::OnnxInputDim::Kind::Symbolic) {
            auto* box = new QSpinBox(row);
            box->setObjectName(spinBoxName(name, static_cast<int>(axis)));
            box->setRange(1, kMaxExtent);
            box->setToolTip(symbol.isEmpty() ? tr("Axis %1").arg(axis) : tr("Axis %1 (%2)").arg(axis).arg(symbol));
            box->setAccessibleName(box->toolTip());
            boxes.push_back(box);
            layout->addWidget(box);
            continue;
        }
        auto* label = new QLabel(QString::number(dim.extent), row);
        if (dim.kind == core::OnnxInputDim::Kind::Batch)
            label->setToolTip(symbol.isEmpty() ? tr("Batch, fixed at 1") : tr("Batch (%1), fixed at 1").arg(symbol));
        layout->addWidget(label);
    }
    layout->addStretch();
    return row;
}

std::map<std::string, core::Shape> InputShapeDialog::inputShapes() const
{
    std::map<std::string, core::Shape> shapes;
    for (std::size_t i = 0; i < m_inputs.size(); ++i) {
        if (!m_inputs[i].needsOverride())
            continue;
        std::vector<std::int64_t> extents;
        for (const QSpinBox* box : m_spinBoxes[i])
            extents.push_back(box->value());
        shapes[m_inputs[i].name] = m_inputs[i].shapeWith(extents);
    }
    return shapes;
}

QSpinBox* InputShapeDialog::spinBox(const QString& name, int axis) const
{
    return findChild<QSpinBox*>(spinBoxName(name, axis));
}

} // namespace mdse::widgets
