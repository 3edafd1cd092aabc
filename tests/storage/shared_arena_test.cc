// Helper threads share the allocator arena of the thread that started them
// (storage/internal/shared_arena.h). Built twice: into storage_test, which
// runs on glibc's malloc (everything is a no-op), and, where the kg
// executable links jemalloc, into storage_jemalloc_test, which links it the
// same way (KG_TEST_JEMALLOC).
#include "storage/internal/shared_arena.h"

#include <gtest/gtest.h>

#include <thread>

#include "storage/internal/import_files.h"

namespace kg::storage::internal {
namespace {

#ifdef KG_TEST_JEMALLOC

TEST(SharedArenaTest, AThreadThatEntersAllocatesFromTheStartersArena) {
  SharedArena arena;
  ASSERT_TRUE(arena.Available());
  const long mine = SharedArena::Current();
  ASSERT_GE(mine, 0);
  long before = -2, after = -2;
  std::thread t([&] {
    before = SharedArena::Current();
    arena.Enter();
    after = SharedArena::Current();
  });
  t.join();
  // jemalloc's own choice for a new thread is an arena of its own.
  EXPECT_NE(before, mine);
  EXPECT_EQ(after, mine);
}

TEST(SharedArenaTest, ImportHelperThreadsRunOnTheCallersArena) {
  const long mine = SharedArena::Current();
  long seen = -2;
  JoiningThread t;
  t.Start([&] { seen = SharedArena::Current(); });
  t.Join();
  EXPECT_EQ(seen, mine);
}

#else

TEST(SharedArenaTest, WithoutJemallocThereIsNoArenaAndEnteringChangesNothing) {
  SharedArena arena;
  EXPECT_FALSE(arena.Available());
  EXPECT_EQ(SharedArena::Current(), -1);
  bool ran = false;
  JoiningThread t;
  t.Start([&] {
    arena.Enter();
    ran = true;
  });
  t.Join();
  EXPECT_TRUE(ran);
}

#endif

}  // namespace
}  // namespace kg::storage::internal
