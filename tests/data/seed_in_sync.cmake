# Regenerates the bundled dataset from data/seed/build_seed.py into a fresh
# temporary directory and fails unless both CSVs equal the committed ones
# byte for byte (a hand edit of a CSV, or a script change without
# regenerating, fails here). Run by ctest `data_seed_in_sync` as
#   cmake -DPYTHON=... -DSOURCE_DIR=... -DWORK_DIR=... -P seed_in_sync.cmake
foreach(var PYTHON SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "seed_in_sync.cmake: -D${var}=... is required")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
execute_process(
  COMMAND "${PYTHON}" "${SOURCE_DIR}/data/seed/build_seed.py" "${WORK_DIR}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "build_seed.py failed (${rc}):\n${out}${err}")
endif()

set(stale "")
foreach(name entities.csv relations.csv)
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -E compare_files
            "${WORK_DIR}/${name}" "${SOURCE_DIR}/data/seed/${name}"
    RESULT_VARIABLE differs)
  if(NOT differs EQUAL 0)
    list(APPEND stale "data/seed/${name}")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK_DIR}")
if(stale)
  message(FATAL_ERROR "out of sync with data/seed/build_seed.py: ${stale}\n"
                      "regenerate with: python3 data/seed/build_seed.py")
endif()
message(STATUS "data/seed/*.csv match build_seed.py")
