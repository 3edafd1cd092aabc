// Hostile names (quotes, backslashes, Graphviz escapes, markup, entities,
// newlines, control bytes, invalid UTF-8, CJK) render intact in every format
// and SVG stays well-formed XML.
#include <fontconfig/fontconfig.h>
#include <gtest/gtest.h>
#include <gvc.h>

#include <algorithm>
#include <regex>
#include <set>

#include "tests/viz/sample_graph.h"
#include "tests/viz/svg_reader.h"
#include "viz/internal/graphviz.h"
#include "viz/internal/text.h"
#include "viz/render.h"

namespace kg::viz {
namespace {

using testing::MakeEntity;
using testing::MakeRelation;
using testing::ParseSvg;
using testing::SvgDocument;

// name -> the text lines the drawing must show for it.
struct Hostile {
  std::string name;
  std::vector<std::string> lines;
};

std::vector<Hostile> HostileNames() {
  return {
      {"Say \"hi\" 'there'", {"Say \"hi\" 'there'"}},
      {"back\\slash \\N \\n \\l \\G \\\\", {"back\\slash \\N \\n \\l \\G \\\\"}},
      {"<b>bold</b> & <i>", {"<b>bold</b> & <i>"}},
      {"AT&amp;T &lt;x&gt; &#65;", {"AT&amp;T &lt;x&gt; &#65;"}},
      {"first line\nsecond line", {"first line", "second line"}},
      {"\xE9\x9B\xB7\xE5\x86\x9B (\xE5\xB0\x8F\xE7\xB1\xB3)", {"雷军 (小米)"}},
      {"ctl\x01\x1f"
       "bad\xff\xfe end",
       {"ctl\uFFFD\uFFFDbad\uFFFD\uFFFD end"}},
      {"-- comment --> ]]> <!--", {"-- comment --> ]]> <!--"}},
      {"{braces} [brackets] ; = , |record|", {"{braces} [brackets] ; = , |record|"}},
  };
}

Subgraph HostileGraph() {
  Subgraph g;
  EntityId id = 1;
  for (const Hostile& h : HostileNames()) {
    g.nodes.push_back(MakeEntity(id, id % 2 ? "Company" : "Person", h.name, {h.name + " alias"}));
    ++id;
  }
  for (EntityId a = 1; a + 1 < id; ++a) {
    g.relations.push_back(MakeRelation(a, "PRAISES", a, a + 1,
                                       {{"stance", Value(0.5)},
                                        {"quote", Value("He said \"<&>\" \\ back\nslash")},
                                        {"speaker", Value(HostileNames()[a - 1].name)}}));
  }
  return g;
}

RenderOptions Options(Format format) {
  RenderOptions o;
  o.format = format;
  o.title = "<title> & \"quotes\" \\N 雷军";
  return o;
}

void ExpectNamesIntact(const SvgDocument& svg) {
  ASSERT_TRUE(svg.well_formed) << svg.error;
  std::vector<Hostile> names = HostileNames();
  for (size_t i = 0; i < names.size(); ++i) {
    std::vector<std::string> texts = svg.TextsIn("n" + std::to_string(i + 1));
    EXPECT_EQ(texts, names[i].lines) << "node " << i + 1;
  }
}

TEST(EscapeTest, HostileNamesRenderIntactInSvg) {
  Result<Rendering> r = Render(HostileGraph(), Options(Format::kSvg));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  SvgDocument svg = ParseSvg(r->data);
  ExpectNamesIntact(svg);
  std::vector<std::string> texts = svg.Texts();
  EXPECT_NE(std::find(texts.begin(), texts.end(), "<title> & \"quotes\" \\N 雷军"), texts.end());
  const testing::SvgElement* node = svg.Find("n2", "a");
  ASSERT_NE(node, nullptr);
  EXPECT_EQ(node->attributes.at("xlink:title"),
            "Person: back\\slash \\N \\n \\l \\G \\\\\nAliases: back\\slash \\N \\n \\l \\G "
            "\\\\ alias");
  const testing::SvgElement* edge = svg.Find("r1", "a");
  ASSERT_NE(edge, nullptr);
  EXPECT_NE(edge->attributes.at("xlink:title").find("\u201CHe said \"<&>\" \\ back\nslash\u201D"),
            std::string::npos)
      << edge->attributes.at("xlink:title");
}

TEST(EscapeTest, HostileNamesSurviveDotAndReRender) {
  Result<Rendering> r = Render(HostileGraph(), Options(Format::kDot));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // kg's own context and lock: a context freed here would leave the next
  // drawing's text plugin reading freed memory (viz/internal/graphviz.h).
  auto graphviz = internal::GraphvizLock::Acquire();
  ASSERT_TRUE(graphviz.ok()) << graphviz.status().ToString();
  GVC_t* gvc = graphviz->gvc();
  Agraph_t* g = agmemread(r->data.c_str());
  ASSERT_NE(g, nullptr) << r->data;
  EXPECT_EQ(agnnodes(g), static_cast<int>(HostileNames().size()) + 1);  // + legend
  ASSERT_EQ(gvLayout(gvc, g, "dot"), 0);
  char* data = nullptr;
  unsigned int length = 0;
  ASSERT_EQ(gvRenderData(gvc, g, "svg", &data, &length), 0);
  std::string svg(data, length);
  gvFreeRenderData(data);
  gvFreeLayout(gvc, g);
  agclose(g);
  ExpectNamesIntact(ParseSvg(svg));
}

TEST(EscapeTest, HostileNamesRenderToPngAndPdf) {
  for (Format f : {Format::kPng, Format::kPdf}) {
    Result<Rendering> r = Render(HostileGraph(), Options(f));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_GT(r->data.size(), 1000u);
  }
}

// PostScript names of the installed fonts that have a glyph for `c`.
std::set<std::string> FontsCovering(FcChar32 c) {
  std::set<std::string> names;
  FcConfig* config = FcInitLoadConfigAndFonts();
  FcPattern* pattern = FcPatternCreate();
  FcCharSet* charset = FcCharSetCreate();
  FcCharSetAddChar(charset, c);
  FcPatternAddCharSet(pattern, FC_CHARSET, charset);
  FcObjectSet* objects = FcObjectSetBuild(FC_POSTSCRIPT_NAME, nullptr);
  FcFontSet* fonts = FcFontList(config, pattern, objects);
  for (int i = 0; fonts != nullptr && i < fonts->nfont; ++i) {
    FcChar8* name = nullptr;
    if (FcPatternGetString(fonts->fonts[i], FC_POSTSCRIPT_NAME, 0, &name) == FcResultMatch) {
      names.insert(reinterpret_cast<const char*>(name));
    }
  }
  if (fonts != nullptr) FcFontSetDestroy(fonts);
  FcObjectSetDestroy(objects);
  FcCharSetDestroy(charset);
  FcPatternDestroy(pattern);
  FcConfigDestroy(config);
  return names;
}

// Chinese names are drawn with real glyphs, not empty boxes: the PDF embeds
// a font that covers them (scripts/setup.sh installs one).
TEST(EscapeTest, ChineseNamesUseAFontWithTheirGlyphs) {
  std::set<std::string> cjk = FontsCovering(0x96F7);  // 雷
  ASSERT_FALSE(cjk.empty()) << "no installed font has Chinese glyphs; scripts/setup.sh "
                               "installs fonts-wqy-zenhei";
  Subgraph g;
  g.nodes.push_back(MakeEntity(1, "Person", "\xE9\x9B\xB7\xE5\x86\x9B"));   // 雷军
  g.nodes.push_back(MakeEntity(2, "Company", "\xE5\xB0\x8F\xE7\xB1\xB3"));  // 小米
  g.relations.push_back(MakeRelation(1, "LEADS", 1, 2));
  Result<Rendering> r = Render(g, Options(Format::kPdf));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::set<std::string> embedded;
  std::regex font_name(R"(/FontName\s*/[A-Z]{6}\+([A-Za-z0-9-]+))");
  for (std::sregex_iterator it(r->data.begin(), r->data.end(), font_name), end; it != end; ++it) {
    embedded.insert((*it)[1].str());
  }
  bool covered = std::any_of(embedded.begin(), embedded.end(),
                             [&](const std::string& f) { return cjk.count(f) > 0; });
  EXPECT_TRUE(covered) << "fonts embedded: " << ::testing::PrintToString(embedded)
                       << "; fonts with the glyphs: " << ::testing::PrintToString(cjk);
}

TEST(EscapeTest, EveryLayoutKeepsSvgWellFormed) {
  for (std::string_view layout : {"neato", "fdp", "sfdp", "circo"}) {
    RenderOptions o = Options(Format::kSvg);
    o.layout = ParseLayout(layout).value();
    Result<Rendering> r = Render(HostileGraph(), o);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ExpectNamesIntact(ParseSvg(r->data));
  }
}

TEST(TextTest, CleanTextRepairsUtf8AndControls) {
  using internal::CleanText;
  EXPECT_EQ(CleanText("plain 雷军"), "plain 雷军");
  EXPECT_EQ(CleanText("a\tb\r\nc\rd"), "a b\nc\nd");
  EXPECT_EQ(CleanText(std::string("x\0y", 3)), "x\uFFFDy");
  EXPECT_EQ(CleanText("\xC0\x80"), "\uFFFD\uFFFD");            // overlong NUL
  EXPECT_EQ(CleanText("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");  // surrogate
  EXPECT_EQ(CleanText("\xEF\xBF\xBF"), "\uFFFD");              // U+FFFF
  EXPECT_EQ(CleanText("cut \xE9\x9B"), "cut \uFFFD\uFFFD");
  EXPECT_EQ(CleanText("\xF0\x9F\x98\x80"), "😀");
}

TEST(TextTest, EscapesForEachGraphvizContext) {
  EXPECT_EQ(internal::PlainLabel("a\\N & b\nc"), "a\\\\N &amp; b\\nc");
  EXPECT_EQ(internal::TooltipText("a\\N & b\nc"), "a\\\\\\\\N &amp; b\nc");
  EXPECT_EQ(internal::HtmlText("<a href=\"x\">&'\n"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;<br/>");
  EXPECT_EQ(internal::Ellipsize("雷军小米", 2), "雷军\u2026");
  EXPECT_EQ(internal::Ellipsize("abc", 3), "abc");
}

}  // namespace
}  // namespace kg::viz
