# Installs the build into a fresh prefix, then configures, builds and runs
# examples/ against it with find_package(kg). Fails on any step's error.
# Inputs: KG_BUILD_DIR, KG_EXAMPLES_DIR, KG_WORK_DIR, KG_CXX_COMPILER and
# KG_EXAMPLE_FLAGS (compile and link flags: the sanitizers of an instrumented build).
file(REMOVE_RECURSE ${KG_WORK_DIR})
set(prefix ${KG_WORK_DIR}/prefix)

function(run_step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}\n${err}")
  endif()
  message(STATUS "${what}: ok")
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

run_step("install" ${CMAKE_COMMAND} --install ${KG_BUILD_DIR} --prefix ${prefix})
if(NOT EXISTS ${prefix}/include/kg/kg.h OR NOT EXISTS ${prefix}/include/kg/core/value.h)
  message(FATAL_ERROR "the installed headers are missing")
endif()
# Users include <kg/...> only: no installed header may include "core/..."
# (which would need <prefix>/include/kg on the include path).
file(GLOB_RECURSE installed ${prefix}/include/*.h)
foreach(header ${installed})
  file(STRINGS ${header} bad REGEX "#include \"core/")
  if(bad)
    message(FATAL_ERROR "${header} includes a core/ path: ${bad}")
  endif()
endforeach()
run_step("configure" ${CMAKE_COMMAND} -S ${KG_EXAMPLES_DIR} -B ${KG_WORK_DIR}/build
  -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_BUILD_TYPE=Release
  -DCMAKE_CXX_COMPILER=${KG_CXX_COMPILER} "-DCMAKE_CXX_FLAGS=${KG_EXAMPLE_FLAGS}"
  "-DCMAKE_EXE_LINKER_FLAGS=${KG_EXAMPLE_FLAGS}")
run_step("build" ${CMAKE_COMMAND} --build ${KG_WORK_DIR}/build -j2)
run_step("run" ${KG_WORK_DIR}/build/kg_example ${KG_WORK_DIR}/db)
foreach(expected "NVIDIA competes with Huawei" "rows: 2" "digraph" "streamed 2 rows")
  string(FIND "${step_output}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the example's output lacks '${expected}':\n${step_output}")
  endif()
endforeach()
