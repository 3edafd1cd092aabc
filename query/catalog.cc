// The catalog's lookups: the family tables joined into one index by
// lower-case name, built once on first use and never changed after (a
// const table, not mutable global state).
#include "query/internal/catalog.h"

#include <cctype>
#include <string>
#include <unordered_map>

#include "core/text.h"

namespace kg::query::internal {
namespace {

using FamilyFn = std::span<const FunctionDef> (*)();
constexpr FamilyFn kFamilies[] = {GraphFunctions,    StringFunctions,   NumberFunctions,
                                  TemporalFunctions, DurationFunctions, KgFunctions};

const std::unordered_map<std::string, const FunctionDef*>& FunctionIndex() {
  static const auto* index = [] {
    auto* m = new std::unordered_map<std::string, const FunctionDef*>();
    for (FamilyFn family : kFamilies)
      for (const FunctionDef& f : family()) m->emplace(AsciiLower(f.name), &f);
    return m;
  }();
  return *index;
}

}  // namespace

const FunctionDef* FindFunction(std::string_view name) {
  const auto& index = FunctionIndex();
  auto it = index.find(AsciiLower(name));
  return it == index.end() ? nullptr : it->second;
}

namespace {

std::string TypeSetName(TypeSet set) {
  if (set == 0) return "ANY";
  std::string out;
  for (int t = 0; t <= static_cast<int>(SType::kPath); ++t)
    if (set & TypeBit(static_cast<SType>(t)))
      out += (out.empty() ? "" : "|") + std::string(STypeName(static_cast<SType>(t)));
  return out;
}

}  // namespace

std::string Signature(const FunctionDef& f) {
  std::string out = std::string(f.name) + "(";
  int shown = f.max_args < 0 ? f.min_args : f.max_args;
  for (int i = 0; i < shown; ++i) {
    bool optional = i >= f.min_args;
    if (optional) out += "[";
    if (i > 0) out += ", ";
    out += TypeSetName(static_cast<size_t>(i) < kMaxTypedArgs ? f.args[i] : 0);
    if (optional) out += "]";
  }
  if (f.max_args < 0) out += ", ...";
  return out + ") :: " + STypeName(f.returns);
}

std::string Signature(const AggregateDef& a) {
  std::string out = std::string(a.name) + "(";
  for (int i = 0; i < a.num_args; ++i) out += i > 0 ? ", ANY" : "ANY";
  return out + ") :: " + STypeName(a.returns);
}

std::vector<const FunctionDef*> AllFunctions() {
  std::vector<const FunctionDef*> out;
  for (FamilyFn family : kFamilies)
    for (const FunctionDef& f : family()) out.push_back(&f);
  return out;
}

}  // namespace kg::query::internal
