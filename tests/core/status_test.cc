#include "core/status.h"

#include <gtest/gtest.h>

#include "core/result.h"

namespace kg {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::InvalidArgument("odd: " + std::to_string(x));
  return x / 2;
}

Status Quarter(int x, int* out) {
  KG_ASSIGN_OR_RETURN(int h, Half(x));
  KG_ASSIGN_OR_RETURN(*out, Half(h));
  return Status::OK();
}

TEST(StatusTest, ToStringNamesTheCode) {
  EXPECT_EQ(Status::OK().ToString(), "OK");
  EXPECT_EQ(Status::NotFound("no entity 'X'").ToString(), "NotFound: no entity 'X'");
  EXPECT_EQ(Status::SchemaViolation("m").WithPrefix("f.csv:3").message(), "f.csv:3: m");
}

TEST(StatusTest, AssignOrReturnPropagatesTheFirstError) {
  int out = 0;
  EXPECT_TRUE(Quarter(8, &out).ok());
  EXPECT_EQ(out, 2);
  Status s = Quarter(6, &out);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "odd: 3");
}

TEST(StatusTest, OkIsOnePointerAndReportsNothing) {
  // Every call that can fail returns a Status; an OK one must stay cheap.
  static_assert(sizeof(Status) == sizeof(void*));
  Status ok;
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(ok.code(), StatusCode::kOk);
  EXPECT_EQ(ok.message(), "");
  EXPECT_EQ(ok.error_class(), "");
  EXPECT_FALSE(ok.position().known());
  // A kOk code makes an OK status, whatever the message.
  EXPECT_TRUE(Status(StatusCode::kOk, "ignored").ok());
  EXPECT_EQ(Status(StatusCode::kOk, "ignored").message(), "");
  // Decorating OK leaves it OK.
  EXPECT_TRUE(ok.WithPrefix("p").ok());
  EXPECT_TRUE(ok.WithClass("SyntaxError").ok());
  EXPECT_TRUE(ok.WithPosition({"query", 1, 2}).ok());
}

TEST(StatusTest, CopiesOwnTheirDetailsAndMovesLeaveOk) {
  Status e = Status::SyntaxError("bad").WithClass("SyntaxError").WithPosition({"query", 2, 7});
  Status copy = e;
  Status decorated = copy.WithPrefix("query:2:7");
  EXPECT_EQ(decorated.message(), "query:2:7: bad");
  EXPECT_EQ(decorated.error_class(), "SyntaxError");
  EXPECT_EQ(decorated.position().line, 2);
  EXPECT_EQ(decorated.position().column, 7);
  // The decoration changed neither the copy nor the original.
  EXPECT_EQ(copy.message(), "bad");
  EXPECT_EQ(e.message(), "bad");
  copy = Status::NotFound("gone");
  EXPECT_EQ(e.code(), StatusCode::kSyntaxError);
  EXPECT_EQ(copy.code(), StatusCode::kNotFound);
  copy = e;
  EXPECT_EQ(copy.position().file, "query");
  Status& same = copy;
  copy = same;  // self-assignment keeps it
  EXPECT_EQ(copy.message(), "bad");
  Status moved = std::move(e);
  EXPECT_EQ(moved.code(), StatusCode::kSyntaxError);
  EXPECT_TRUE(e.ok());  // NOLINT(bugprone-use-after-move): a moved-from status is OK
  copy = Status::OK();
  EXPECT_TRUE(copy.ok());
  EXPECT_EQ(copy.message(), "");
}

}  // namespace
}  // namespace kg
