// The static types the binder infers for expressions, shared by the binder
// (its checks) and the function catalog (argument and return types of each
// signature). kAny means "depends on the data"; it never fails a check.
#pragma once

#include <cstdint>
#include <initializer_list>

namespace kg::query::internal {

enum class SType { kAny, kNull, kBool, kInt, kFloat, kString, kList, kMap, kNode, kRel, kPath };

inline const char* STypeName(SType t) {
  switch (t) {
    case SType::kAny:
      return "ANY";
    case SType::kNull:
      return "NULL";
    case SType::kBool:
      return "BOOLEAN";
    case SType::kInt:
      return "INTEGER";
    case SType::kFloat:
      return "FLOAT";
    case SType::kString:
      return "STRING";
    case SType::kList:
      return "LIST";
    case SType::kMap:
      return "MAP";
    case SType::kNode:
      return "NODE";
    case SType::kRel:
      return "RELATIONSHIP";
    case SType::kPath:
      return "PATH";
  }
  return "ANY";
}

// A set of static types, one bit per SType; 0 is "any type" (no constraint).
using TypeSet = uint32_t;

constexpr TypeSet TypeBit(SType t) { return TypeSet{1} << static_cast<int>(t); }

constexpr TypeSet Types(std::initializer_list<SType> types) {
  TypeSet s = 0;
  for (SType t : types) s |= TypeBit(t);
  return s;
}

// Whether a value of static type `t` may be passed where `accepted` is
// asked: ANY and NULL always may (the value is known only at run time, and
// functions take null), as may anything when `accepted` is 0.
constexpr bool Admits(TypeSet accepted, SType t) {
  return accepted == 0 || t == SType::kAny || t == SType::kNull || (accepted & TypeBit(t)) != 0;
}

}  // namespace kg::query::internal
