// Text extraction: HTML boilerplate dropped, Markdown markup removed,
// non-UTF-8 refused with the place and a way out.
#include "ingest/document.h"

#include <gtest/gtest.h>

namespace kg::ingest {
namespace {

TEST(DocumentTest, HtmlKeepsTheArticleAndDropsScriptsAndNavigation) {
  std::string html =
      "<!DOCTYPE html><html><head><title>T</title><script>var x = 'NVIDIA';</script>"
      "<style>p{}</style></head><body><nav><a>Home</a> <a>Markets</a></nav>"
      "<article><h1>Huawei &amp; NVIDIA</h1><p>Huang said &#8220;hi&#8221;.</p>"
      "<!-- comment --><p>Second&nbsp;paragraph.</p></article><footer>(c) Site</footer>"
      "</body></html>";
  auto t = ExtractText(html, DocumentFormat::kAuto, "a.html").value();
  EXPECT_EQ(t, "T\n\nHuawei & NVIDIA\n\nHuang said \u201Chi\u201D.\n\nSecond paragraph.\n");
}

TEST(DocumentTest, MarkdownMarkupIsRemoved) {
  auto t = ExtractText("# Title\n\n**NVIDIA** and [Huawei](https://x.y) _compete_.\n- item one\n",
                       DocumentFormat::kMarkdown, "a.md")
               .value();
  EXPECT_EQ(t, "Title\n\nNVIDIA and Huawei compete.\nitem one\n");
}

TEST(DocumentTest, PlainTextIsKeptAsIs) {
  std::string text = "Line one.\n\n  Indented  line.\n";
  EXPECT_EQ(ExtractText(text, DocumentFormat::kText, "a.txt").value(), text);
}

TEST(DocumentTest, NonUtf8IsRefusedWithPlaceAndAdvice) {
  auto r = ExtractText("caf\xE9 au lait", DocumentFormat::kAuto, "latin1.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("latin1.txt: not UTF-8 (invalid byte 0xE9 at offset 3)"),
            std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("iconv"), std::string::npos);
  EXPECT_FALSE(
      ExtractText(std::string("\xFF\xFEh\0i\0", 6), DocumentFormat::kAuto, "u16.txt").ok());
  EXPECT_FALSE(CheckUtf8("\xED\xA0\x80", "surrogate").ok());
  EXPECT_TRUE(CheckUtf8("\xEF\xBB\xBF\xE4\xB8\xAD", "bom").ok());
}

}  // namespace
}  // namespace kg::ingest
