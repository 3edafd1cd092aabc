// The Bolt handshake and chunking, byte by byte: what the official drivers
// send and what the Bolt docs' examples show.
#include "server/internal/bolt_wire.h"

#include "gtest/gtest.h"

namespace kg::server::internal::bolt {
namespace {

std::string Bytes(std::initializer_list<int> bytes) {
  std::string out;
  for (int b : bytes) out.push_back(static_cast<char>(b));
  return out;
}

const std::string kMagicBytes = Bytes({0x60, 0x60, 0xB0, 0x17});

std::optional<Version> Pick(const std::string& proposals) {
  auto v = Negotiate(kMagicBytes + proposals);
  EXPECT_TRUE(v.ok()) << v.status().ToString();
  return v.ok() ? *v : std::nullopt;
}

TEST(BoltHandshakeTest, JavaScriptDriver6PicksBolt58) {
  // neo4j-driver 6.x: manifest v1 (255.1), 5.8..5.0, 4.4..4.2, 3.0.
  auto v = Pick(Bytes({0, 0, 1, 0xFF, 0, 8, 8, 5, 0, 2, 4, 4, 0, 0, 0, 3}));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(*v, (Version{5, 8}));
  EXPECT_EQ(EncodeVersion(v), Bytes({0, 0, 8, 5}));
}

TEST(BoltHandshakeTest, OlderDriversGetTheirNewestSupportedVersion) {
  // A 4.4 driver: 4.4..4.2, 4.1, 4.0, 3.0.
  EXPECT_EQ(Pick(Bytes({0, 2, 4, 4, 0, 0, 1, 4, 0, 0, 0, 4, 0, 0, 0, 3})), (Version{4, 4}));
  // A 5.3 driver: 5.3..5.0 first.
  EXPECT_EQ(Pick(Bytes({0, 3, 3, 5, 0, 2, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0})), (Version{5, 3}));
  // A future 5.9 is not offered back; the range reaches 5.8.
  EXPECT_EQ(Pick(Bytes({0, 4, 9, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})), (Version{5, 8}));
  // 5.5 is never negotiated: 5.6..5.5 gives 5.6, 5.5 alone gives the next proposal.
  EXPECT_EQ(Pick(Bytes({0, 1, 6, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})), (Version{5, 6}));
  EXPECT_EQ(Pick(Bytes({0, 0, 5, 5, 0, 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0})), (Version{4, 4}));
}

TEST(BoltHandshakeTest, NoCommonVersionAnswersZeros) {
  auto v = Pick(Bytes({0, 0, 3, 4, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_FALSE(v.has_value());
  EXPECT_EQ(EncodeVersion(v), Bytes({0, 0, 0, 0}));
}

TEST(BoltHandshakeTest, WrongMagicOrLengthIsAnError) {
  EXPECT_FALSE(Negotiate("GET / HTTP/1.1\r\nHost: x\r\n").ok());
  EXPECT_FALSE(Negotiate(Bytes({0x60, 0x60, 0xB0, 0x18}) + std::string(16, '\0')).ok());
}

TEST(BoltChunkingTest, SpecificationExamples) {
  std::string sixteen = Bytes({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
  std::string out;
  AppendChunked(sixteen, &out);
  EXPECT_EQ(out, Bytes({0x00, 0x10}) + sixteen + Bytes({0, 0}));
  // A message longer than a chunk is split at 65535 bytes.
  std::string big(70000, 'x');
  out.clear();
  AppendChunked(big, &out);
  ASSERT_EQ(out.size(), 2 + 65535 + 2 + (70000 - 65535) + 2);
  EXPECT_EQ(out.substr(0, 2), Bytes({0xFF, 0xFF}));
  EXPECT_EQ(out.substr(2 + 65535, 2), Bytes({0x11, 0x71}));  // 4465 bytes
}

TEST(BoltChunkingTest, AssemblesMessagesFedByteByByteAcrossNoops) {
  // Message 1 in two chunks, a NOOP, message 2.
  std::string stream = Bytes({0, 2, 'a', 'b', 0, 1, 'c', 0, 0, 0, 0, 0, 3, 'd', 'e', 'f', 0, 0});
  MessageAssembler assembler(1024);
  std::vector<std::string> got;
  for (char c : stream) {
    assembler.Feed(std::string_view(&c, 1));
    while (true) {
      auto m = assembler.Next();
      ASSERT_TRUE(m.ok());
      if (!m->has_value()) break;
      got.push_back(**m);
    }
  }
  EXPECT_EQ(got, (std::vector<std::string>{"abc", "def"}));
}

TEST(BoltChunkingTest, MessageOverTheLimitIsRefused) {
  MessageAssembler assembler(4);
  assembler.Feed(Bytes({0, 3, 'a', 'b', 'c', 0, 2, 'd', 'e', 0, 0}));
  auto m = assembler.Next();
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("limit of 4 bytes"), std::string::npos);
}

}  // namespace
}  // namespace kg::server::internal::bolt
