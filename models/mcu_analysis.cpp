#include "models/mcu_analysis.h"

#include "models/studio_document.h"

#include "core/graph/batchnorm_folding.h"

#include <exception>

namespace mdse::models {

McuAnalysis::McuAnalysis(const StudioDocument* document, QObject* parent)
    : QObject(parent)
    , m_document(document)
{
    connect(document, &StudioDocument::networkChanged, this, &McuAnalysis::evaluate);
    connect(document, &StudioDocument::targetChanged, this, &McuAnalysis::evaluate);
    evaluate();
}

void McuAnalysis::evaluate()
{
    m_evaluation.reset();
    m_error.clear();
    if (m_document->hasNetwork() && m_document->target().id.empty()) {
        m_error = tr("No MCU target is chosen.");
    } else if (m_document->hasNetwork()) {
        try {
            // As `microdse analyze --target` does: a deployment converter
            // folds batchnorms into their producers before planning memory.
            const core::Network deployed(core::foldBatchNorms(m_document->network()));
            m_evaluation = core::evaluateMcu(deployed, core::PrecisionView{}, m_document->target());
        } catch (const std::exception& error) { // core::Error on a network the analyses cannot handle
            m_error = tr("The MCU analysis failed: %1").arg(QString::fromStdString(error.what()));
        }
    }
    emit updated();
}

} // namespace mdse::models
