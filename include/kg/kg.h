// The kg library in one include: the database API and kg's value types.
// Link with `find_package(kg)` and `target_link_libraries(app kg::kg)`.
#pragma once

#include "core/json.h"
#include "kg/database.h"
