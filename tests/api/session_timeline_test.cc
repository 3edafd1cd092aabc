// Timelines and diffs through the session (Session::GetTimeline, GetDiff,
// DrawTimeline, Render with a diff window): order, each entry kind, the
// scope, names, windows at their boundaries, the JSON form and the colours
// of a diff drawing.
#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <tuple>
#include <vector>

#include "tests/api/session_test_util.h"
#include "tests/api/timeline_fixture.h"

namespace kg::session {
namespace {

Date Day(const char* text) { return Date::Parse(text).value(); }

// SVG text with Graphviz's "&#45;" for '-' read back, and lower case
// colours as Graphviz writes them.
std::string Svg(std::string svg) {
  for (size_t at = svg.find("&#45;"); at != std::string::npos; at = svg.find("&#45;", at))
    svg.replace(at, 5, "-");
  return svg;
}
std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

class SessionTimelineTest : public testing::SessionDbTest {
 protected:
  SessionTimelineTest() : SessionDbTest(kg::testing::kTimelineSeed) {}

  void SetUp() override {
    SessionDbTest::SetUp();
    std::vector<SourceDocument> docs;
    for (const auto& s : kg::testing::kTimelineSources) {
      SourceDocument d;
      d.record.id = s.id;
      d.record.published = s.published;
      d.record.title = s.title;
      d.record.publisher = s.publisher;
      d.text = s.text;
      d.record.sha256 = Session::Sha256Hex(d.text);
      docs.push_back(d);
    }
    ASSERT_TRUE(db_->StoreSources(docs).ok());
  }

  Timeline Get(TimelineRequest request) {
    Result<Timeline> t = db_->GetTimeline(request);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? *t : Timeline{};
  }
  Timeline Get(const std::string& name) { return Get(TimelineRequest{name, {}, {}, {}, {}}); }

  // "DATE kind TYPE-or-event" per entry.
  static std::vector<std::string> Lines(const Timeline& t) {
    std::vector<std::string> out;
    for (const TimelineEntry& e : t.entries) {
      out.push_back(e.date.ToString() + " " + std::string(TimelineKindName(e.kind)) + " " +
                    (e.event.empty() ? e.relation.type : e.event));
    }
    return out;
  }

  Diff GetDiff(const char* from, const char* to, const std::string& name = "",
               std::vector<std::string> types = {}) {
    Result<Diff> d = db_->GetDiff(DiffRequest{{Day(from), Day(to)}, name, types, {}});
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? *d : Diff{};
  }
  static std::vector<std::string> Lines(const Diff& d) {
    std::vector<std::string> out;
    for (const DiffEntry& e : d.entries) {
      out.push_back(std::string(DiffChangeName(e.change)) + " " + e.date.ToString() + " " +
                    (e.event.empty() ? e.relation.type : e.event));
    }
    return out;
  }
};

TEST_F(SessionTimelineTest, TimelineListsEverythingDatedInOrder) {
  Timeline t = Get("H20");
  EXPECT_EQ(t.entity.name(), "H20");
  EXPECT_EQ(Lines(t), (std::vector<std::string>{
                          "2025-04-01 event start H20 ban",
                          "2025-04-01 begins RESTRICTS",
                          "2025-04-02 said RESTRICTS",
                          "2025-07-14 ends RESTRICTS",
                          "2025-07-14 event end H20 ban",
                          "2025-07-15 begins APPROVES",
                          "2025-07-16 event start Supply chain expo",
                          "2025-07-16 said ANNOUNCED_AT",
                          "2025-07-16 said APPROVES",
                      }));
}

TEST_F(SessionTimelineTest, EntriesCiteRelationQuoteSpeakerAndSource) {
  Timeline t = Get("H20");
  const TimelineEntry& ban = t.entries[1];
  EXPECT_EQ(ban.relation.start, "U.S. government");
  EXPECT_EQ(ban.relation.end, "H20");
  EXPECT_EQ(ban.relation.quote, "The U.S. banned the H20.");
  EXPECT_EQ(ban.relation.speaker, "Reporter");
  ASSERT_EQ(ban.relation.sources.size(), 1u);
  EXPECT_EQ(ban.relation.sources[0], (CitedSource{"s1", "Ban on the H20", "Wire"}));
  // An event entry is cited through the relation linking the event.
  EXPECT_EQ(t.entries[0].relation.type, "INVOLVES");
  EXPECT_EQ(t.entries[0].relation.quote, "the ban on the H20");
}

TEST_F(SessionTimelineTest, EventWhoseStartIsNoDateIsANoteNotAnEntry) {
  Timeline t = Get("H20");
  ASSERT_EQ(t.notes.size(), 1u);
  EXPECT_NE(t.notes[0].find("Vague event"), std::string::npos) << t.notes[0];
  EXPECT_NE(t.notes[0].find("start"), std::string::npos) << t.notes[0];
}

TEST_F(SessionTimelineTest, EventsOwnDatesAreItsTimeline) {
  Timeline t = Get("h20 BAN");  // any case
  EXPECT_EQ(Lines(t), (std::vector<std::string>{"2025-04-01 event start H20 ban",
                                                "2025-07-14 event end H20 ban"}));
  EXPECT_EQ(t.entries[0].relation.id, 0u);
}

TEST_F(SessionTimelineTest, StatementsByTheEntityAreSaidEntries) {
  Timeline t = Get("Jensen Huang");
  // His own praise, and what he said about others (speaker: Jensen Huang).
  EXPECT_EQ(Lines(t),
            (std::vector<std::string>{"2025-03-01 said PRAISES", "2025-07-16 said APPROVES",
                                      "2025-07-16 said PRAISES", "2025-07-16 said SUPPLIES"}));
  EXPECT_EQ(t.entries[3].relation.start, "NVIDIA");
  EXPECT_EQ(t.entries[3].relation.end, "Xiaomi");
}

TEST_F(SessionTimelineTest, AliasFindsTheEntity) {
  Timeline t = Get("usg");
  EXPECT_EQ(t.entity.name(), "U.S. government");
  EXPECT_EQ(t.entries.size(), 5u);  // RESTRICTS begins, said, ends; APPROVES begins, said
}

TEST_F(SessionTimelineTest, TypesFromToAndScopeNarrowIt) {
  TimelineRequest typed{"H20", {"restricts"}, {}, {}, {}};
  EXPECT_EQ(Lines(Get(typed)),
            (std::vector<std::string>{"2025-04-01 begins RESTRICTS", "2025-04-02 said RESTRICTS",
                                      "2025-07-14 ends RESTRICTS"}));
  TimelineRequest window{"H20", {}, Day("2025-07-14"), Day("2025-07-15"), {}};
  EXPECT_EQ(Lines(Get(window)),
            (std::vector<std::string>{"2025-07-14 ends RESTRICTS", "2025-07-14 event end H20 ban",
                                      "2025-07-15 begins APPROVES"}));
  TimelineRequest known{"H20", {}, {}, {}, {}};
  known.scope.known_at = Day("2025-05-01");  // the approval was said in July
  for (const TimelineEntry& e : Get(known).entries) {
    EXPECT_NE(e.relation.type, "APPROVES");
    EXPECT_NE(e.relation.type, "ANNOUNCED_AT");
  }
  TimelineRequest sure{"H20", {}, {}, {}, {}};
  sure.scope.min_confidence = 0.7;  // the approval is 0.6 sure
  for (const TimelineEntry& e : Get(sure).entries) EXPECT_NE(e.relation.type, "APPROVES");
}

TEST_F(SessionTimelineTest, BadRequestsAreClearErrors) {
  Result<Timeline> unknown = db_->GetTimeline({"H2O", {}, {}, {}, {}});
  ASSERT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_NE(unknown.status().message().find("did you mean 'H20'"), std::string::npos)
      << unknown.status().message();
  Result<Timeline> type = db_->GetTimeline({"H20", {"RESTRICT"}, {}, {}, {}});
  EXPECT_EQ(type.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(type.status().message().find("types: unknown relation type"), std::string::npos);
  Result<Timeline> reversed =
      db_->GetTimeline({"H20", {}, Day("2025-07-01"), Day("2025-06-01"), {}});
  EXPECT_EQ(reversed.status().code(), StatusCode::kInvalidArgument);
  TimelineRequest valid{"H20", {}, {}, {}, {}};
  valid.scope.valid_at = Day("2025-05-01");
  EXPECT_EQ(db_->GetTimeline(valid).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SessionTimelineTest, AnAmbiguousNameIsRefusedListingTheCandidates) {
  ASSERT_TRUE(db_->Run("CREATE (:Company {name: 'Twin A', aliases: ['Twin']}), "
                       "(:Company {name: 'Twin B', aliases: ['twin']})",
                       {})
                  .ok());
  Result<Timeline> t = db_->GetTimeline({"Twin", {}, {}, {}, {}});
  ASSERT_EQ(t.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(t.status().message().find("'Twin' is ambiguous: Twin A"), std::string::npos)
      << t.status().message();
  Result<Diff> d = db_->GetDiff({{Day("2025-01-01"), Day("2025-12-31")}, "Twin", {}, {}});
  EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(db_->GetTimeline({"Twin A", {}, {}, {}, {}}).ok());  // an exact name wins
}

TEST_F(SessionTimelineTest, TimelineJsonIsOneDeterministicDocument) {
  std::string json = Session::TimelineJson(Get("H20"));
  EXPECT_EQ(json, Session::TimelineJson(Get("H20")));
  EXPECT_NE(json.find("\"kind\":\"event start\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"title\":\"Ban on the H20\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"notes\":[\"event 'Vague event'"), std::string::npos) << json;
}

TEST_F(SessionTimelineTest, TimelineDrawsOneRankPerDate) {
  DrawRequest draw;
  draw.render.format = viz::Format::kSvg;
  Result<viz::Rendering> svg = db_->DrawTimeline(Get("H20"), draw);
  ASSERT_TRUE(svg.ok()) << svg.status().ToString();
  const std::string data = Svg(svg->data);
  EXPECT_NE(data.find("H20: timeline"), std::string::npos);
  for (const char* date : {"2025-04-01", "2025-04-02", "2025-07-14", "2025-07-15", "2025-07-16"})
    EXPECT_NE(data.find(std::string(">") + date + "<"), std::string::npos) << date;
  EXPECT_NE(data.find("class=\"node kind-event-start\""), std::string::npos);
  EXPECT_NE(data.find("class=\"node kind-ends\""), std::string::npos);
  EXPECT_NE(data.find("Legend"), std::string::npos);
  Result<viz::Rendering> again = db_->DrawTimeline(Get("H20"), draw);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->data, svg->data);  // deterministic
  TimelineRequest empty{"H20", {}, Day("2020-01-01"), Day("2020-12-31"), {}};
  EXPECT_EQ(db_->DrawTimeline(Get(empty), draw).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SessionTimelineTest, ADateWithManyEntriesWrapsUnderOneDateLabel) {
  ASSERT_TRUE(db_->Run("MATCH (n:Company {name: 'NVIDIA'}) UNWIND range(1, 6) AS i "
                       "CREATE (n)-[:SUPPLIES {date: date('2025-07-16'), quote: 'batch ' + "
                       "toString(i)}]->(:Company {name: 'Buyer ' + toString(i)})",
                       {})
                  .ok());
  Timeline t = Get("NVIDIA");
  ASSERT_EQ(t.entries.size(), 7u);  // six new statements and the one about Xiaomi
  DrawRequest draw;
  draw.render.format = viz::Format::kSvg;
  Result<viz::Rendering> svg = db_->DrawTimeline(t, draw);
  ASSERT_TRUE(svg.ok()) << svg.status().ToString();
  std::string data = Svg(svg->data);
  // Two rows (four entries, then three), one date label.
  EXPECT_NE(data.find("id=\"d1\""), std::string::npos);
  EXPECT_EQ(data.find("id=\"d2\""), std::string::npos);
  size_t first = data.find(">2025-07-16<");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(data.find(">2025-07-16<", first + 1), std::string::npos);
  EXPECT_NE(data.find("id=\"e6\""), std::string::npos);
}

TEST_F(SessionTimelineTest, DiffAroundTheH20ListsBanEndingAndApprovalBeginning) {
  EXPECT_EQ(Lines(GetDiff("2025-05-01", "2025-07-20", "H20")),
            (std::vector<std::string>{
                "began 2025-07-15 APPROVES",
                "ended 2025-07-14 RESTRICTS",
                "stated 2025-07-16 ANNOUNCED_AT",
                "stated 2025-07-16 APPROVES",
                "event started 2025-07-16 Supply chain expo",
                "event ended 2025-07-14 H20 ban",
            }));
}

TEST_F(SessionTimelineTest, DiffWindowBoundaries) {
  // Began and said: (D1, D2]. valid_from 2025-04-01 on D1 is not new.
  EXPECT_EQ(Lines(GetDiff("2025-04-01", "2025-04-02", "H20", {"RESTRICTS"})),
            (std::vector<std::string>{"stated 2025-04-02 RESTRICTS"}));
  EXPECT_EQ(Lines(GetDiff("2025-03-31", "2025-04-01", "H20", {"RESTRICTS"})),
            (std::vector<std::string>{"began 2025-04-01 RESTRICTS"}));
  // Ended: valid_to (the last day it held) in [D1, D2).
  EXPECT_EQ(Lines(GetDiff("2025-07-14", "2025-07-15", "H20", {"RESTRICTS"})),
            (std::vector<std::string>{"ended 2025-07-14 RESTRICTS"}));
  EXPECT_TRUE(GetDiff("2025-07-13", "2025-07-14", "H20", {"RESTRICTS"}).entries.empty());
  EXPECT_TRUE(GetDiff("2025-04-10", "2025-04-10").entries.empty());  // an empty window
}

TEST_F(SessionTimelineTest, DiffReportsStanceThatChanged) {
  Diff d = GetDiff("2025-06-01", "2025-07-20", "Huawei");
  ASSERT_EQ(Lines(d), (std::vector<std::string>{"stated 2025-07-16 PRAISES",
                                                "stance changed 2025-07-16 PRAISES"}));
  const DiffEntry& change = d.entries[1];
  EXPECT_EQ(change.relation.start, "Jensen Huang");
  EXPECT_DOUBLE_EQ(*change.stance_before, 0.3);
  EXPECT_DOUBLE_EQ(*change.relation.stance, 0.9);
  EXPECT_EQ(change.quote_before, "Huawei is decent.");
  EXPECT_EQ(change.relation.quote, "Huawei is formidable.");
  EXPECT_EQ(change.said_before, Day("2025-03-01"));
}

TEST_F(SessionTimelineTest, DiffOfTheWholeGraphAndItsErrors) {
  Diff all = GetDiff("2025-07-15", "2025-07-16");
  EXPECT_FALSE(all.entity.has_value());
  std::vector<std::string> lines = Lines(all);
  EXPECT_NE(std::find(lines.begin(), lines.end(), "stated 2025-07-16 SUPPLIES"), lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(), "event started 2025-07-16 Supply chain expo"),
            lines.end());
  Result<Diff> reversed = db_->GetDiff({{Day("2025-07-20"), Day("2025-05-01")}, "", {}, {}});
  EXPECT_EQ(reversed.status().code(), StatusCode::kInvalidArgument);
  Result<Diff> unknown = db_->GetDiff({{Day("2025-05-01"), Day("2025-07-20")}, "Nvidea", {}, {}});
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_NE(unknown.status().message().find("NVIDIA"), std::string::npos);
  EXPECT_FALSE(ParseWindow("2025-02-30", "2025-03-01", "--from", "--to").ok());
  EXPECT_FALSE(ParseWindow("2025-03-02", "2025-03-01", "--from", "--to").ok());
  EXPECT_FALSE(ParseWindow("", "2025-03-01", "--from", "--to").ok());
}

TEST_F(SessionTimelineTest, RenderDiffColoursAddedEndedAndUnchanged) {
  DrawRequest draw;
  draw.render.format = viz::Format::kSvg;
  draw.diff = DiffWindow{Day("2025-05-01"), Day("2025-07-20")};
  Result<Drawing> drawing =
      db_->Render("MATCH (g)-[r]->(h:Product {name: 'H20'}) RETURN g, r, h", {}, draw);
  ASSERT_TRUE(drawing.ok()) << drawing.status().ToString();
  const std::string svg = Svg(drawing->rendering.data);
  EXPECT_NE(svg.find("change-added"), std::string::npos);      // APPROVES
  EXPECT_NE(svg.find("change-ended"), std::string::npos);      // RESTRICTS
  EXPECT_NE(svg.find("change-unchanged"), std::string::npos);  // MAKES
  EXPECT_NE(svg.find("stroke=\"" + Lower(viz::kAddedColor)), std::string::npos);
  EXPECT_NE(svg.find("stroke=\"" + Lower(viz::kEndedColor)), std::string::npos);
  EXPECT_NE(svg.find("stroke=\"" + Lower(viz::kUnchangedColor)), std::string::npos);
  EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos);
  EXPECT_NE(svg.find("added after 2025-05-01, by 2025-07-20"), std::string::npos);
  EXPECT_NE(svg.find("unchanged"), std::string::npos);
}

}  // namespace
}  // namespace kg::session
