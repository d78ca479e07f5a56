// Timeloop v0.4 export (core/io/timeloop_export.h): the document parses as
// YAML and carries the keys and values documented in
// docs/accelerator-models.md for a tiny layer, whose numbers are the
// layer's and the template's own (written out by hand below).
#include "core/io/timeloop_export.h"
#include "core/util/error.h"

#include <QtTest>
#include <yaml-cpp/yaml.h>

using namespace mdse::core;
using D = LoopDim;

namespace {

// C = 2, M = 2, 4x4 input, 3x3 filter, 2x2 output, stride 1.
ConvProblem tinyLayer() { return makeConvProblem("tiny conv", 2, 4, 4, 2, 3, 3, 1); }

mdse::hwlib::AcceleratorTemplate tinyArray()
{
    mdse::hwlib::AcceleratorTemplate t;
    t.id = "tiny";
    t.peRows = 3;
    t.peCols = 2;
    t.rfBytesPerPe = 52;        // 26 words of 16 bits
    t.globalBufferBytes = 2000; // 16,000 bits = 250 rows of 64 bits
    t.psumBits = 16;
    return t;
}

// RS: R = 3 on rows, P = 2 on columns, RF S = 3 x M = 2, GLB Q (inner) then C.
LoopNest rsNest()
{
    LoopNest n;
    at(n.rows, D::R) = 3;
    at(n.cols, D::P) = 2;
    at(n.registers, D::S) = 3;
    at(n.registers, D::M) = 2;
    at(n.buffer.factors, D::Q) = 2;
    at(n.buffer.factors, D::C) = 2;
    n.buffer.order = {D::Q, D::C, D::N, D::M, D::P, D::R, D::S};
    n.rfKeeps = {true, true, true};
    return n;
}

std::vector<std::string> strings(const YAML::Node& seq)
{
    std::vector<std::string> r;
    for (const auto& item : seq)
        r.push_back(item.as<std::string>());
    return r;
}

} // namespace

class TestTimeloopExport : public QObject {
    Q_OBJECT
private slots:
    void problemHasTheLayer();
    void architectureHasTheTemplate();
    void mappingHasTheLoopNest();
    void noLocalReuseHasNoRegisterFile();
    void densitiesWhenSparse();
    void wholeNetworkOneFilePerLayer();
};

void TestTimeloopExport::problemHasTheLayer()
{
    const LayerOperands ops = operandsOf(tinyArray());
    const YAML::Node doc = YAML::Load(timeloopSpecYaml(tinyLayer(), tinyArray(), Dataflow::RowStationary, ops, rsNest()));
    const YAML::Node p = doc["problem"];
    QCOMPARE(p["version"].as<double>(), 0.4);
    QCOMPARE(p["shape"]["name"].as<std::string>(), std::string("conv2D"));
    QCOMPARE(strings(p["shape"]["dimensions"]), (std::vector<std::string>{"C", "M", "R", "S", "N", "P", "Q"}));
    const YAML::Node spaces = p["shape"]["data_spaces"];
    QCOMPARE(spaces.size(), std::size_t{3});
    QCOMPARE(spaces[0]["name"].as<std::string>(), std::string("Weights"));
    QCOMPARE(spaces[1]["name"].as<std::string>(), std::string("Inputs"));
    QCOMPARE(spaces[2]["name"].as<std::string>(), std::string("Outputs"));
    QVERIFY(spaces[2]["read_write"].as<bool>());
    // Inputs' third rank: R x Hdilation + P x Hstride.
    QCOMPARE(spaces[1]["projection"][2][1][0].as<std::string>(), std::string("P"));
    QCOMPARE(spaces[1]["projection"][2][1][1].as<std::string>(), std::string("Hstride"));
    const YAML::Node i = p["instance"];
    QCOMPARE(i["C"].as<int>(), 2);
    QCOMPARE(i["M"].as<int>(), 2);
    QCOMPARE(i["R"].as<int>(), 3);
    QCOMPARE(i["S"].as<int>(), 3);
    QCOMPARE(i["N"].as<int>(), 1);
    QCOMPARE(i["P"].as<int>(), 2);
    QCOMPARE(i["Q"].as<int>(), 2);
    QCOMPARE(i["Hstride"].as<int>(), 1);
    QVERIFY(!i["densities"]);
}

void TestTimeloopExport::architectureHasTheTemplate()
{
    const LayerOperands ops = operandsOf(tinyArray());
    const YAML::Node a = YAML::Load(timeloopSpecYaml(tinyLayer(), tinyArray(), Dataflow::RowStationary, ops, rsNest()))["architecture"];
    QCOMPARE(a["version"].as<double>(), 0.4);
    const YAML::Node nodes = a["nodes"];
    QCOMPARE(nodes.size(), std::size_t{7});
    const std::vector<std::pair<std::string, std::string>> expected{
        {"!Container", "system"}, {"!Component", "DRAM"},         {"!Component", "GlobalBuffer"},
        {"!Container", "PE_column"}, {"!Container", "PE"},       {"!Component", "RegisterFile"},
        {"!Component", "MAC"}};
    for (std::size_t k = 0; k < expected.size(); ++k) {
        QCOMPARE(nodes[k].Tag(), expected[k].first);
        QCOMPARE(nodes[k]["name"].as<std::string>(), expected[k].second);
    }
    QCOMPARE(nodes[2]["class"].as<std::string>(), std::string("smartbuffer_SRAM"));
    QCOMPARE(nodes[2]["attributes"]["depth"].as<int>(), 250);
    QCOMPARE(nodes[2]["attributes"]["width"].as<int>(), 64);
    QCOMPARE(nodes[2]["attributes"]["datawidth"].as<int>(), 16);
    QCOMPARE(nodes[3]["spatial"]["meshX"].as<int>(), 2);
    QCOMPARE(nodes[4]["spatial"]["meshY"].as<int>(), 3);
    QCOMPARE(nodes[5]["class"].as<std::string>(), std::string("smartbuffer_RF"));
    QCOMPARE(nodes[5]["attributes"]["depth"].as<int>(), 26);
    QCOMPARE(strings(nodes[5]["constraints"]["dataspace"]["keep"]),
             (std::vector<std::string>{"Weights", "Inputs", "Outputs"}));
    QCOMPARE(nodes[6]["attributes"]["adder_width"].as<int>(), 16);
}

void TestTimeloopExport::mappingHasTheLoopNest()
{
    const LayerOperands ops = operandsOf(tinyArray());
    const YAML::Node m = YAML::Load(timeloopSpecYaml(tinyLayer(), tinyArray(), Dataflow::RowStationary, ops, rsNest()))["mapping"];
    QCOMPARE(m.size(), std::size_t{6});
    const std::vector<std::pair<std::string, std::string>> targets{{"DRAM", "temporal"},      {"GlobalBuffer", "temporal"},
                                                                   {"PE_column", "spatial"},  {"PE", "spatial"},
                                                                   {"RegisterFile", "temporal"}, {"RegisterFile", "datatype"}};
    for (std::size_t k = 0; k < targets.size(); ++k) {
        QCOMPARE(m[k]["target"].as<std::string>(), targets[k].first);
        QCOMPARE(m[k]["type"].as<std::string>(), targets[k].second);
    }
    QCOMPARE(strings(m[1]["factors"]), (std::vector<std::string>{"N=1", "M=1", "C=2", "P=1", "Q=2", "R=1", "S=1"}));
    QCOMPARE(strings(m[1]["permutation"]).front(), std::string("Q")); // innermost first
    QCOMPARE(strings(m[1]["permutation"])[1], std::string("C"));
    QCOMPARE(strings(m[2]["factors"])[3], std::string("P=2"));
    QCOMPARE(m[2]["split"].as<int>(), 7);
    QCOMPARE(strings(m[3]["factors"])[5], std::string("R=3"));
    QCOMPARE(m[3]["split"].as<int>(), 0);
    QCOMPARE(strings(m[4]["factors"]), (std::vector<std::string>{"N=1", "M=2", "C=1", "P=1", "Q=1", "R=1", "S=3"}));
    QCOMPARE(strings(m[0]["factors"]), (std::vector<std::string>{"N=1", "M=1", "C=1", "P=1", "Q=1", "R=1", "S=1"}));
    // A nest that does not cover the layer is refused.
    LoopNest wrong = rsNest();
    at(wrong.buffer.factors, D::C) = 1;
    QVERIFY_THROWS_EXCEPTION(Error, timeloopSpecYaml(tinyLayer(), tinyArray(), Dataflow::RowStationary, ops, wrong));
}

void TestTimeloopExport::noLocalReuseHasNoRegisterFile()
{
    LoopNest n;
    at(n.rows, D::C) = 2;
    at(n.cols, D::M) = 2;
    n.buffer.factors = {1, 1, 1, 2, 2, 3, 3};
    const YAML::Node doc = YAML::Load(
        timeloopSpecYaml(tinyLayer(), tinyArray(), Dataflow::NoLocalReuse, operandsOf(tinyArray()), n));
    QCOMPARE(doc["architecture"]["nodes"].size(), std::size_t{6});
    QCOMPARE(doc["mapping"].size(), std::size_t{4});
    for (const auto& node : doc["architecture"]["nodes"])
        QVERIFY(node["name"].as<std::string>() != "RegisterFile");
}

void TestTimeloopExport::densitiesWhenSparse()
{
    LayerOperands ops = operandsOf(tinyArray());
    ops.pruning = PruningKind::NM;
    ops.nmKeep = 2;
    ops.nmGroup = 4;
    ops.activationDensity = 0.6;
    const YAML::Node d = YAML::Load(timeloopSpecYaml(tinyLayer(), tinyArray(), Dataflow::RowStationary, ops,
                                                     rsNest()))["problem"]["instance"]["densities"];
    QCOMPARE(d["Weights"]["density"].as<double>(), 0.5);
    QCOMPARE(d["Weights"]["distribution"].as<std::string>(), std::string("fixed_structured"));
    QCOMPARE(d["Inputs"]["density"].as<double>(), 0.6);
}

void TestTimeloopExport::wholeNetworkOneFilePerLayer()
{
    const auto files = timeloopNetworkSpecs({tinyLayer(), tinyLayer()}, tinyArray(), Dataflow::RowStationary,
                                            {operandsOf(tinyArray()), operandsOf(tinyArray())}, {rsNest(), rsNest()});
    QCOMPARE(files.size(), std::size_t{2});
    QCOMPARE(files[1].first, std::string("1_tiny_conv.yaml"));
    QVERIFY(YAML::Load(files[0].second)["mapping"].IsSequence());
    QVERIFY_THROWS_EXCEPTION(Error, timeloopNetworkSpecs({tinyLayer()}, tinyArray(), Dataflow::RowStationary, {}, {}));
}

QTEST_APPLESS_MAIN(TestTimeloopExport)
#include "tst_timeloop_export.moc"
