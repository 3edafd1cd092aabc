// Names a user types on the command line, against the bundled dataset
// (data/seed): relation types and labels in any case on kg ego and kg
// analyze (unknown ones refused, exit 2, with the known list), and "did you
// mean" for entity names that match nothing (exit 1, nothing written).
#include "tests/cli/cli_test_util.h"

namespace kg::cli::testing {
namespace {

namespace fs = std::filesystem;

class NamesCliTest : public KgDbTest {
 protected:
  void SetUp() override {
    KgDbTest::SetUp();
    ImportSeed();
  }
  std::string Out(const std::string& name) { return (dir_ / name).string(); }
};

TEST_F(NamesCliTest, EgoSuggestsNamesForMisspellingsAndWritesNothing) {
  for (const auto& [typed, meant] : std::vector<std::pair<std::string, std::string>>{
           {"Nvidea", "NVIDIA"}, {"Xiomi", "Xiaomi"}, {"Jensen Haung", "Jensen Huang"}}) {
    Output o = Kg("ego " + Quote(typed) + " -o " + Quote(Out("x.svg")));
    EXPECT_EQ(o.code, 1) << typed << ": " << o.err;
    EXPECT_NE(
        o.err.find("no entity is named or aliased '" + typed + "'; did you mean '" + meant + "'"),
        std::string::npos)
        << o.err;
    EXPECT_FALSE(fs::exists(Out("x.svg")));
  }
}

TEST_F(NamesCliTest, EgoTypesInAnyCaseAndUnknownOnesListed) {
  Output lower = Kg("ego NVIDIA --types partners_with -o " + Quote(Out("p.dot")));
  ASSERT_EQ(lower.code, 0) << lower.err;
  std::string dot = Slurp(Out("p.dot"));
  EXPECT_NE(dot.find("PARTNERS_WITH"), std::string::npos) << dot;
  EXPECT_EQ(dot.find("COMPETES_WITH"), std::string::npos) << dot;
  Output bad = Kg("ego NVIDIA --types partnerz_with -o " + Quote(Out("z.dot")));
  EXPECT_EQ(bad.code, 2) << bad.err;
  EXPECT_NE(bad.err.find("--types: unknown relation type 'partnerz_with'; known: "),
            std::string::npos)
      << bad.err;
  EXPECT_NE(bad.err.find("COMPETES_WITH"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("did you mean 'PARTNERS_WITH'?"), std::string::npos) << bad.err;
  EXPECT_FALSE(fs::exists(Out("z.dot")));
}

TEST_F(NamesCliTest, AnalyzeLabelsAndTypesInAnyCase) {
  Output lower = Kg("analyze degree --labels company --types partners_with --format csv");
  ASSERT_EQ(lower.code, 0) << lower.err;
  Output exact = Kg("analyze degree --labels Company --types PARTNERS_WITH --format csv");
  ASSERT_EQ(exact.code, 0) << exact.err;
  EXPECT_EQ(lower.out, exact.out);
  EXPECT_NE(lower.out.find("NVIDIA"), std::string::npos) << lower.out;

  Output type = Kg("analyze degree --types partnerz_with");
  EXPECT_EQ(type.code, 2);
  EXPECT_NE(type.err.find("--types: unknown relation type 'partnerz_with'; known: "),
            std::string::npos)
      << type.err;
  EXPECT_NE(type.err.find("did you mean 'PARTNERS_WITH'?"), std::string::npos) << type.err;
  Output label = Kg("analyze degree --labels compnay");
  EXPECT_EQ(label.code, 2);
  EXPECT_NE(label.err.find("--labels: unknown label 'compnay'; known: "), std::string::npos)
      << label.err;
  EXPECT_NE(label.err.find("did you mean 'Company'?"), std::string::npos) << label.err;
}

TEST_F(NamesCliTest, AnalyzeShortestSuggestsNames) {
  Output from = Kg("analyze shortest --from Nvidea --to Xiaomi");
  EXPECT_EQ(from.code, 1);
  EXPECT_NE(from.err.find("--from: no entity is named or aliased 'Nvidea'; did you mean 'NVIDIA'?"),
            std::string::npos)
      << from.err;
  Output to = Kg("analyze shortest --from NVIDIA --to " + Quote("Jensen Haung"));
  EXPECT_EQ(to.code, 1);
  EXPECT_NE(to.err.find("did you mean 'Jensen Huang'?"), std::string::npos) << to.err;
  Output ok = Kg("analyze shortest --from nvidia --to xiaomi --types partners_with,competes_with");
  EXPECT_EQ(ok.code, 0) << ok.err;
}

}  // namespace
}  // namespace kg::cli::testing
