#include "models/mcu_analysis.h"

#include "models/studio_document.h"

#include <exception>
#include <set>

namespace mdse::models {

McuAnalysis::McuAnalysis(const StudioDocument* document, QObject* parent)
    : QObject(parent)
    , m_document(document)
{
    connect(document, &StudioDocument::networkChanged, this, &McuAnalysis::evaluate);
    connect(document, &StudioDocument::targetChanged, this, &McuAnalysis::evaluate);
    evaluate();
}

void McuAnalysis::rememberFolds(const core::BatchNormFoldReport& folds)
{
    const core::Network& network = m_document->network();
    const std::set<std::string> folded(folds.folded.begin(), folds.folded.end());
    for (const core::Layer& layer : network.layers()) {
        if (!folded.count(layer.name) || layer.inputs.empty())
            continue;
        const long producer = network.producerOf(layer.inputs.front());
        if (producer >= 0)
            m_foldedInto.insert(QString::fromStdString(layer.name),
                                QString::fromStdString(network.layers()[std::size_t(producer)].name));
    }
}

void McuAnalysis::evaluate()
{
    m_evaluation.reset();
    m_error.clear();
    m_foldedInto.clear();
    if (m_document->hasNetwork() && m_document->target().id.empty()) {
        m_error = tr("No MCU target is chosen.");
    } else if (m_document->hasNetwork()) {
        try {
            // As `microdse analyze --target` does: a deployment converter
            // folds batchnorms into their producers before planning memory.
            core::BatchNormFoldReport folds;
            const core::Network deployed(core::foldBatchNorms(m_document->network(), &folds));
            m_evaluation = core::evaluateMcu(deployed, core::PrecisionView{}, m_document->target());
            rememberFolds(folds);
        } catch (const std::exception& error) { // core::Error on a network the analyses cannot handle
            m_error = tr("The MCU analysis failed: %1").arg(QString::fromStdString(error.what()));
        }
    }
    emit updated();
}

} // namespace mdse::models
