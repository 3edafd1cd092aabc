// The catalog's lookups: the family tables joined into one index by
// lower-case name, built once on first use and never changed after (a
// const table, not mutable global state).
#include "query/internal/catalog.h"

#include <cctype>
#include <string>
#include <unordered_map>

namespace kg::query::internal {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

using FamilyFn = std::span<const FunctionDef> (*)();
constexpr FamilyFn kFamilies[] = {GraphFunctions,    StringFunctions,   NumberFunctions,
                                  TemporalFunctions, DurationFunctions, KgFunctions};

const std::unordered_map<std::string, const FunctionDef*>& FunctionIndex() {
  static const auto* index = [] {
    auto* m = new std::unordered_map<std::string, const FunctionDef*>();
    for (FamilyFn family : kFamilies)
      for (const FunctionDef& f : family()) m->emplace(Lower(f.name), &f);
    return m;
  }();
  return *index;
}

}  // namespace

const FunctionDef* FindFunction(std::string_view name) {
  const auto& index = FunctionIndex();
  auto it = index.find(Lower(name));
  return it == index.end() ? nullptr : it->second;
}

std::vector<const FunctionDef*> AllFunctions() {
  std::vector<const FunctionDef*> out;
  for (FamilyFn family : kFamilies)
    for (const FunctionDef& f : family()) out.push_back(&f);
  return out;
}

}  // namespace kg::query::internal
