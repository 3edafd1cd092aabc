// Result<T>: a value or the Status that explains why there is none
// (modelled on absl::StatusOr; C++20 has no std::expected).
#pragma once

#include <cassert>
#include <optional>
#include <utility>

#include "core/status.h"

namespace kg {

template <typename T>
class [[nodiscard]] Result {
 public:
  // A failed result. `status` must not be OK.
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    assert(!status_.ok());
    if (status_.ok()) status_ = Status::Internal("Result constructed from an OK status");
  }
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // Accessors require ok().
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace kg

// Evaluates `rexpr` (a Result<T>); on error returns its Status, otherwise
// declares/assigns `lhs` from the value: KG_ASSIGN_OR_RETURN(auto x, F());
#define KG_ASSIGN_OR_RETURN(lhs, rexpr) \
  KG_ASSIGN_OR_RETURN_IMPL_(KG_STATUS_CONCAT_(kg_result_tmp_, __LINE__), lhs, rexpr)
#define KG_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                              \
  if (!tmp.ok()) return tmp.status();              \
  lhs = std::move(tmp).value()
