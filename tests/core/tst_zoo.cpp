// The built-in zoo against published totals. Every expected number below is
// taken from the cited paper, reference implementation or hand arithmetic
// from the reference definition; none is copied from our own output.
//
// Counting conventions (core/graph/layer_stats.h): params = weights + biases,
// BatchNorm contributes gamma and beta (running mean/variance are buffers,
// as in PyTorch's parameters()); MACs count conv, dense and recurrent layers
// only, the convention of torchvision's GFLOPS column and darknet's BFLOPs/2.
#include "core/graph/layer_stats.h"
#include "core/io/network_loader.h"
#include "core/io/zoo.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace mdse::core;

namespace {

NetworkStats zooStats(const QString& id)
{
    return computeStats(loadNetwork("zoo:" + id.toStdString()));
}

const LayerStats& layerNamed(const NetworkStats& stats, const std::string& name)
{
    for (const LayerStats& layer : stats.layers)
        if (layer.name == name)
            return layer;
    throw Error("no layer named " + name);
}

double relativeError(double value, double reference) { return std::abs(value - reference) / reference; }

} // namespace

class TestZoo : public QObject {
    Q_OBJECT
private slots:
    void everyIssueIdIsInTheZoo();
    void generatedFilesAreCurrent();
    void publishedParams_data();
    void publishedParams();
    void publishedMacs_data();
    void publishedMacs();
    void mobilenetV2WithoutBatchNorm_data();
    void mobilenetV2WithoutBatchNorm();
    void vggActivationTable_data();
    void vggActivationTable();
    void vggActivationTotal();
    void dscnnMemoryAndOps();
    void lstmKwsStepCost();
    void alexnetAdaptivePoolIsIdentity();
};

void TestZoo::everyIssueIdIsInTheZoo()
{
    // Issue #2, "YAML networks and the zoo": the ids the zoo must offer.
    const std::vector<std::string> ids = zooIds();
    for (const char* id : {"lenet5", "lenet-300-100", "dscnn-s", "mobilenetv2-1.0-224",
                           "mobilenetv2-0.35-144", "mcunet-vww1", "resnet18", "squeezenet1.1",
                           "vgg16", "alexnet", "tiny-yolov2", "lstm-kws"}) {
        QVERIFY2(std::find(ids.begin(), ids.end(), id) != ids.end(), id);
        QVERIFY2(!loadNetwork(std::string("zoo:") + id).definition().source.empty(), id);
    }
}

void TestZoo::generatedFilesAreCurrent()
{
    // The regular networks are written by scripts/gen_zoo.py; the committed
    // files must be exactly its output, so nobody edits one without the other.
    const QString sourceDir = QStringLiteral(MDSE_SOURCE_DIR);
    QTemporaryDir outDir;
    QVERIFY(outDir.isValid());
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {sourceDir + QStringLiteral("/scripts/gen_zoo.py"), outDir.path()});
    // scripts/setup.sh installs python3, so its absence is a failure, not a skip.
    QVERIFY2(python.waitForStarted(), "python3 is not installed (scripts/setup.sh installs it)");
    QVERIFY(python.waitForFinished(60000));
    QCOMPARE(python.exitCode(), 0);
    const QStringList written = QDir(outDir.path()).entryList({QStringLiteral("*.yaml")}, QDir::Files);
    QVERIFY(written.size() >= 6);
    for (const QString& name : written) {
        QFile generated(outDir.filePath(name));
        QFile committed(sourceDir + QStringLiteral("/resources/networks/") + name);
        QVERIFY(generated.open(QIODevice::ReadOnly));
        QVERIFY2(committed.open(QIODevice::ReadOnly), qPrintable(name));
        QVERIFY2(generated.readAll() == committed.readAll(),
                 qPrintable(name + QStringLiteral(" differs from scripts/gen_zoo.py output")));
    }
}

void TestZoo::publishedParams_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<qlonglong>("params");
    // torchvision model documentation, num_params of the IMAGENET1K_V1 weights.
    QTest::newRow("vgg16") << "vgg16" << 138357544LL;
    QTest::newRow("mobilenetv2-1.0-224") << "mobilenetv2-1.0-224" << 3504872LL;
    QTest::newRow("resnet18") << "resnet18" << 11689512LL;
    QTest::newRow("alexnet") << "alexnet" << 61100840LL;
    QTest::newRow("squeezenet1.1") << "squeezenet1.1" << 1235496LL;
    // Han et al., NIPS 2015, Table 1 (and Deep Compression): LeNet-300-100 267K =
    // 784*300+300 + 300*100+100 + 100*10+10 = 266,610.
    QTest::newRow("lenet-300-100") << "lenet-300-100" << 266610LL;
    // Han et al., Learning both Weights and Connections, NIPS 2015, Table 1, and
    // Deep Compression, ICLR 2016: LeNet-5 431K. Caffe lenet.prototxt by hand:
    // conv1 20*1*5*5+20 = 520, conv2 50*20*5*5+50 = 25,050,
    // ip1 800*500+500 = 400,500, ip2 500*10+10 = 5,010; sum 431,080.
    QTest::newRow("lenet5") << "lenet5" << 431080LL;
    // Hello Edge DS-CNN S (folded BN, ML-KWS-for-MCU) by hand:
    // conv1 64*1*10*4+64 = 2,624; per block dw 64*9+64 = 640, pw 64*64+64 = 4,160,
    // four blocks 19,200; fc 64*12+12 = 780; sum 22,604.
    QTest::newRow("dscnn-s") << "dscnn-s" << 22604LL;
    // Basic LSTM S (ML-KWS-for-MCU, 118 cells, 10 MFCC, 12 labels) by hand:
    // BasicLSTMCell kernel (10+118)*(4*118) = 60,416, bias 4*118 = 472;
    // W_o 118*12 = 1,416, b_o 12; sum 62,316.
    QTest::newRow("lstm-kws") << "lstm-kws" << 62316LL;
    // yolov2-tiny-voc.cfg by hand (conv weights + BN gamma/beta, conv9 bias):
    // conv1 16*3*9 + 2*16 = 464; conv2 32*16*9 + 64 = 4,672; conv3 64*32*9 + 128 = 18,560;
    // conv4 128*64*9 + 256 = 73,984; conv5 256*128*9 + 512 = 295,424;
    // conv6 512*256*9 + 1,024 = 1,180,672; conv7 1024*512*9 + 2,048 = 4,720,640;
    // conv8 1024*1024*9 + 2,048 = 9,439,232; conv9 125*1024 + 125 = 128,125;
    // sum 15,861,773.
    QTest::newRow("tiny-yolov2") << "tiny-yolov2" << 15861773LL;
    // torchvision MobileNetV2(width_mult=0.35): no published count; layer-by-layer
    // arithmetic over torchvision's layer list with _make_divisible(c*0.35, 8)
    // (stem 16, blocks 8, 8, 8, 16, 16, 16, 24, 24, 24, 24, 32, 32, 32, 56, 56,
    // 56, 112; head 1280): 1,677,128. Cross-checked against TF-slim's published
    // count in mobilenetV2WithoutBatchNorm below.
    QTest::newRow("mobilenetv2-0.35-144") << "mobilenetv2-0.35-144" << 1677128LL;
}

void TestZoo::publishedParams()
{
    QFETCH(QString, id);
    QFETCH(qlonglong, params);
    QCOMPARE(zooStats(id).totals.params, params);
}

void TestZoo::publishedMacs_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<double>("referenceMacs");
    QTest::addColumn<double>("tolerance"); // relative
    // MobileNetV2 paper, Table 4: 300M multiply-adds. Our conv + FC count is
    // 300.8M; the paper rounds, so 0.5% covers the rounding and nothing more.
    QTest::newRow("mobilenetv2-1.0-224") << "mobilenetv2-1.0-224" << 300e6 << 0.005;
    // MobileNetV2 0.35 at 144 has no published figure. The same layer-by-layer
    // arithmetic that gives 300,774,272 at 1.0/224 gives 26,660,752 here (and
    // 59.29M / 20.22M at 0.35/224 and 0.35/128, TF-slim's table: 59M, 20M).
    QTest::newRow("mobilenetv2-0.35-144") << "mobilenetv2-0.35-144" << 26660752.0 << 0.0;
    // torchvision docs: resnet18 GFLOPS 1.81 (their "FLOPS" are MACs); the
    // ResNet paper, Table 1: 1.8e9; issue #2: "about 1.82G". Our 1.814G is
    // within 1% of all three.
    QTest::newRow("resnet18") << "resnet18" << 1.81e9 << 0.01;
    // torchvision docs: vgg16 GFLOPS 15.47.
    QTest::newRow("vgg16") << "vgg16" << 15.47e9 << 0.005;
    // torchvision docs: alexnet GFLOPS 0.71.
    QTest::newRow("alexnet") << "alexnet" << 0.71e9 << 0.01;
    // torchvision docs: squeezenet1_1 GFLOPS 0.35 (SqueezeNet v1.1 README:
    // "2.4x less computation than SqueezeNet 1.0", whose torchvision figure
    // is 0.82 -> 0.34). Two-digit rounding: 2%.
    QTest::newRow("squeezenet1.1") << "squeezenet1.1" << 0.35e9 << 0.02;
    // darknet reports 6.97 BFLOPs for yolov2-tiny-voc.cfg at 416x416, where
    // BFLOPs = 2 * MACs of the conv layers (darknet convolutional_layer.c).
    // By hand: 416^2*16*27 + 5 * 199,360,512 (conv2..conv6, each
    // out_h*out_w*C_out*C_in*9 with channels doubling as the map halves)
    // + 13^2*1024*512*9 + 13^2*1024*1024*9 + 13^2*125*1024 = 3,485,520,896
    // MACs = 6.971 BFLOPs; 0.1% covers the printed rounding.
    QTest::newRow("tiny-yolov2") << "tiny-yolov2" << 6.97e9 / 2 << 0.001;
}

void TestZoo::publishedMacs()
{
    QFETCH(QString, id);
    QFETCH(double, referenceMacs);
    QFETCH(double, tolerance);
    const double macs = static_cast<double>(zooStats(id).totals.macs);
    QVERIFY2(relativeError(macs, referenceMacs) <= tolerance,
             qPrintable(QStringLiteral("%1 MACs vs %2").arg(macs, 0, 'f', 0).arg(referenceMacs, 0, 'f', 0)));
}

void TestZoo::mobilenetV2WithoutBatchNorm_data()
{
    // TF-slim mobilenet_v1/v2 README table (tensorflow/models research/slim/
    // nets/mobilenet): "Parameters (M)" 3.47 for mobilenet_v2_1.0_224 and
    // 1.66 for every mobilenet_v2_0.35_*. Those counts leave out BatchNorm's
    // gamma and beta (3,504,872 - 34,112 = 3,470,760) and use 1001 classes
    // (+1,280 weights +1 bias), so we compare params - BatchNorm + 1,281 with
    // the published value within its 2-digit rounding (0.005M).
    QTest::addColumn<QString>("id");
    QTest::addColumn<double>("publishedParams");
    QTest::newRow("1.0") << "mobilenetv2-1.0-224" << 3.47e6;
    QTest::newRow("0.35") << "mobilenetv2-0.35-144" << 1.66e6;
}

void TestZoo::mobilenetV2WithoutBatchNorm()
{
    QFETCH(QString, id);
    QFETCH(double, publishedParams);
    const NetworkStats stats = zooStats(id);
    std::int64_t batchNormParams = 0;
    for (const LayerStats& layer : stats.layers)
        if (layer.op == OpKind::BatchNorm)
            batchNormParams += layer.params;
    const double withoutBatchNorm = static_cast<double>(stats.totals.params - batchNormParams);
    QVERIFY2(std::abs(withoutBatchNorm + 1281 - publishedParams) <= 0.005e6,
             qPrintable(QString::number(withoutBatchNorm, 'f', 0)));
}

void TestZoo::vggActivationTable_data()
{
    // McGill tutorial (McGill EPEPS 2019 tutorial, "Where is the cost?", the CS231n VGG-16
    // table): the memory column of every CONV and POOL row, in elements.
    QTest::addColumn<QString>("layer");
    QTest::addColumn<qlonglong>("elements");
    QTest::newRow("CONV3-64 a") << "conv1_1" << 224LL * 224 * 64; // 3,211,264 = "3.2M"
    QTest::newRow("CONV3-64 b") << "conv1_2" << 224LL * 224 * 64;
    QTest::newRow("POOL2 1") << "pool1" << 112LL * 112 * 64;       // "800K"
    QTest::newRow("CONV3-128 a") << "conv2_1" << 112LL * 112 * 128; // "1.6M"
    QTest::newRow("CONV3-128 b") << "conv2_2" << 112LL * 112 * 128;
    QTest::newRow("POOL2 2") << "pool2" << 56LL * 56 * 128;         // "400K"
    QTest::newRow("CONV3-256 a") << "conv3_1" << 56LL * 56 * 256;   // "800K"
    QTest::newRow("CONV3-256 b") << "conv3_2" << 56LL * 56 * 256;
    QTest::newRow("CONV3-256 c") << "conv3_3" << 56LL * 56 * 256;
    QTest::newRow("POOL2 3") << "pool3" << 28LL * 28 * 256;         // "200K"
    QTest::newRow("CONV3-512 a") << "conv4_1" << 28LL * 28 * 512;   // "400K"
    QTest::newRow("CONV3-512 b") << "conv4_2" << 28LL * 28 * 512;
    QTest::newRow("CONV3-512 c") << "conv4_3" << 28LL * 28 * 512;
    QTest::newRow("POOL2 4") << "pool4" << 14LL * 14 * 512;         // "100K"
    QTest::newRow("CONV3-512 d") << "conv5_1" << 14LL * 14 * 512;
    QTest::newRow("CONV3-512 e") << "conv5_2" << 14LL * 14 * 512;
    QTest::newRow("CONV3-512 f") << "conv5_3" << 14LL * 14 * 512;
    QTest::newRow("POOL2 5") << "pool5" << 7LL * 7 * 512;           // "25K"
    QTest::newRow("FC 4096 a") << "fc6" << 4096LL;
    QTest::newRow("FC 4096 b") << "fc7" << 4096LL;
    QTest::newRow("FC 1000") << "fc8" << 1000LL;
}

void TestZoo::vggActivationTable()
{
    QFETCH(QString, layer);
    QFETCH(qlonglong, elements);
    QCOMPARE(layerNamed(zooStats(QStringLiteral("vgg16")), layer.toStdString()).outputElements, elements);
}

void TestZoo::vggActivationTotal()
{
    // Our total (layer_stats.h): graph input + the output of every layer that
    // allocates a tensor (flatten is a view); ReLU is fused, as the table has
    // no ReLU rows. That is exactly the table's rows summed: 150,528 (INPUT)
    // + 2*3,211,264 + 802,816 + 2*1,605,632 + 401,408 + 3*802,816 + 200,704
    // + 3*401,408 + 100,352 + 3*100,352 + 25,088 + 4,096 + 4,096 + 1,000
    // = 15,237,608.
    // The table prints "TOTAL memory: 24M", which is not the sum of its own
    // rows (15.2M); we assert the row sum exactly and document the gap rather
    // than bend the definition. 24M is 1.58x the sum: no element-counting rule
    // over this graph (e.g. counting separate ReLU outputs too: 28.8M) yields it.
    const NetworkStats stats = zooStats(QStringLiteral("vgg16"));
    QCOMPARE(stats.totals.activationElements, 15237608LL);
    const double printedTotal = 24e6;
    QVERIFY(stats.totals.activationElements < printedTotal);
}

void TestZoo::dscnnMemoryAndOps()
{
    // Hello Edge (Zhang et al. 2017), DS-CNN S in the paper's model summary
    // (also the ML-KWS-for-MCU README table): 38.6 KB of memory = 8-bit
    // weights + the largest input + output activation pair of one layer, and
    // 5.4M operations per inference.
    const NetworkStats stats = zooStats(QStringLiteral("dscnn-s"));
    std::int64_t largestPair = 0;
    for (const LayerStats& layer : stats.layers)
        largestPair = std::max(largestPair, layer.inputElements + layer.outputElements);
    // By hand: a depthwise or pointwise layer reads and writes 64*25*5 = 8,000.
    QCOMPARE(largestPair, 16000LL);
    QCOMPARE(stats.totals.params + largestPair, 38604LL); // "38.6 KB" at one byte each
    // Ops = 2 * MACs. By hand: conv1 64*25*5*40 = 320,000; per block dw
    // 8,000*9 = 72,000 + pw 8,000*64 = 512,000; fc 64*12 = 768; MACs 2,656,768,
    // ops 5.31M. The paper's 5.4M is 1.6% higher (it does not say which
    // non-MAC operations it adds); tolerance 2%.
    QCOMPARE(stats.totals.macs, 2656768LL);
    QVERIFY(relativeError(2.0 * static_cast<double>(stats.totals.macs), 5.4e6) <= 0.02);
}

void TestZoo::lstmKwsStepCost()
{
    // Issue #2: an LSTM step costs 4*H*(I+H) MACs. H = 118, I = 10, 49 frames:
    // 4*118*128 = 60,416 per step, 2,960,384 for the sequence.
    const NetworkStats stats = zooStats(QStringLiteral("lstm-kws"));
    const LayerStats& lstm = layerNamed(stats, "lstm");
    QCOMPARE(lstm.macs, 49LL * 4 * 118 * (10 + 118));
    QCOMPARE(lstm.outputShapes.front(), (Shape{118}));
    QCOMPARE(stats.totals.macs, 2960384LL + 118 * 12);
}

void TestZoo::alexnetAdaptivePoolIsIdentity()
{
    // torchvision AlexNet: at 224x224 the features end at 256x6x6 (55 -> 27
    // -> 13 -> 6), so AdaptiveAvgPool2d((6, 6)) keeps the shape and the
    // classifier sees 256*6*6 = 9,216 inputs.
    const NetworkStats stats = zooStats(QStringLiteral("alexnet"));
    const LayerStats& pool = layerNamed(stats, "avgpool");
    QCOMPARE(pool.inputShapes.front(), (Shape{256, 6, 6}));
    QCOMPARE(pool.outputShapes.front(), (Shape{256, 6, 6}));
    QCOMPARE(layerNamed(stats, "fc6").weights, 9216LL * 4096);
}

QTEST_APPLESS_MAIN(TestZoo)
#include "tst_zoo.moc"
