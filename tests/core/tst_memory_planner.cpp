// Arena planners against TFLite Micro's documented planner tests and
// hand-worked first-fit placements.
#include "core/memory/arena_planner.h"

#include <QtTest>

using namespace mdse::core;

namespace {

std::vector<PlannerBuffer> buffers(std::initializer_list<std::array<std::int64_t, 3>> list)
{
    std::vector<PlannerBuffer> result;
    for (const auto& entry : list)
        result.push_back({"b" + std::to_string(result.size()), entry[0],
                          static_cast<std::size_t>(entry[1]), static_cast<std::size_t>(entry[2])});
    return result;
}

} // namespace

class TestMemoryPlanner : public QObject {
    Q_OBJECT
private slots:
    void tflmMedium();
    void tflmBasicsAndOverlap();
    void tflmAlignment();
    void firstFitByHand();
};

void TestMemoryPlanner::tflmMedium()
{
    // TFLM greedy_memory_planner_test.cc "TestMedium" (lifetimes inclusive):
    // (size, first, last) = (10,0,1),(20,1,2),(30,2,3),(40,3,4),(50,0,1)
    // -> offsets 50, 70, 40, 0, 0; arena 90 B (tensorflow/tflite-micro, memory_planner/greedy_memory_planner_test.cc).
    const ArenaPlan plan = planGreedyBySize(buffers({{10, 0, 1}, {20, 1, 2}, {30, 2, 3}, {40, 3, 4}, {50, 0, 1}}), 1);
    QCOMPARE(plan.offsets, (std::vector<std::int64_t>{50, 70, 40, 0, 0}));
    QCOMPARE(plan.arenaBytes, 90LL);
}

void TestMemoryPlanner::tflmBasicsAndOverlap()
{
    // TFLM "TestBasics": (10,0,1),(20,2,3) -> both at 0, arena 20.
    const ArenaPlan basics = planGreedyBySize(buffers({{10, 0, 1}, {20, 2, 3}}), 1);
    QCOMPARE(basics.offsets, (std::vector<std::int64_t>{0, 0}));
    QCOMPARE(basics.arenaBytes, 20LL);
    // TFLM "TestOverlapCase": (100,0,1),(50,2,3),(20,1,2) -> arena 120.
    const ArenaPlan overlap = planGreedyBySize(buffers({{100, 0, 1}, {50, 2, 3}, {20, 1, 2}}), 1);
    QCOMPARE(overlap.arenaBytes, 120LL);
    QCOMPARE(overlap.offsets[2], 100LL);
}

void TestMemoryPlanner::tflmAlignment()
{
    // With the TFLM allocator's 16-byte alignment the Medium sizes round to
    // 16, 32, 32, 48, 64. By hand: 64@0 (0-1); 48@0 (3-4); 32(2-3) after 48
    // -> 48; 32(1-2) clears 64@0 and 32@48 -> 80; 16(0-1) fits 64..80 -> 64.
    const ArenaPlan plan = planGreedyBySize(buffers({{10, 0, 1}, {20, 1, 2}, {30, 2, 3}, {40, 3, 4}, {50, 0, 1}}), 16);
    QCOMPARE(plan.offsets, (std::vector<std::int64_t>{64, 80, 48, 0, 0}));
    QCOMPARE(plan.arenaBytes, 112LL);
}

void TestMemoryPlanner::firstFitByHand()
{
    // Allocation order by first step (ties: input order): 10, 50, 20, 30, 40.
    // Rounding 1: 10@0; 50@10 (overlaps 10); 20@60 (overlaps 10, 50);
    // 30@0 (only 20@60 overlaps, 30 <= 60); 40@30 (overlaps 30@0). Arena 80.
    const auto medium = buffers({{10, 0, 1}, {20, 1, 2}, {30, 2, 3}, {40, 3, 4}, {50, 0, 1}});
    const ArenaPlan exact = planFirstFit(medium, 1);
    QCOMPARE(exact.offsets, (std::vector<std::int64_t>{0, 60, 0, 30, 10}));
    QCOMPARE(exact.arenaBytes, 80LL);
    // Rounding 4: sizes 12, 20, 32, 40, 52: 12@0; 52@12; 20@64; 32@0; 40@32. Arena 84.
    const ArenaPlan rounded = planFirstFit(medium, 4);
    QCOMPARE(rounded.offsets, (std::vector<std::int64_t>{0, 64, 0, 32, 12}));
    QCOMPARE(rounded.arenaBytes, 84LL);
}

QTEST_APPLESS_MAIN(TestMemoryPlanner)
#include "tst_memory_planner.moc"
