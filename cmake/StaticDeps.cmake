# The C++ libraries kg's modules link, each behind an INTERFACE target
# kg_dep_<name> that picks, per executable, the shared library or the static
# archive Debian's -dev package ships beside it:
#
#   an executable whose KG_STATIC_DEPS property is ON (the kg command line,
#   cli/CMakeLists.txt) links the archives, so the dynamic loader has no
#   symbols of theirs to bind and no files to map at every process start
#   (W7 in bench/RESULTS.md: ~18,000 symbol relocations and 27 libraries
#   before); everything else (tests, libkg.so, benches) links the shared ones.
#
# $<TARGET_PROPERTY:KG_STATIC_DEPS> is read from the target being linked,
# also through the static module libraries in between. Graphviz has no
# archive in Debian: that executable loads it on first use instead
# (viz/CMakeLists.txt, viz/internal/graphviz_lazy.cc).

# One archive of a -dev package, e.g. kg_find_archive(KG_A_KJ libkj.a).
function(kg_find_archive var file)
  find_library(${var} NAMES ${file} NO_CACHE)
  if(NOT ${var})
    message(FATAL_ERROR "KG_STATIC_DEPS: ${file} not found (its Debian -dev package, "
                        "scripts/setup.sh; or configure with -DKG_STATIC_DEPS=OFF)")
  endif()
  set(${var} ${${var}} PARENT_SCOPE)
endfunction()

# kg_dependency(NAME SHARED <targets...> STATIC <archive files...> [SYSTEM <libs...>])
# defines kg_dep_NAME; the archives are listed in link order (a user first),
# SYSTEM libraries (threads, libdl) follow them.
function(kg_dependency name)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "" "SHARED;STATIC;SYSTEM")
  set(static $<BOOL:$<TARGET_PROPERTY:KG_STATIC_DEPS>>)
  add_library(kg_dep_${name} INTERFACE)
  foreach(t ${ARG_SHARED})
    # Include directories and definitions come from the shared target in
    # both cases (the archives use the same headers).
    target_link_libraries(kg_dep_${name} INTERFACE $<$<NOT:${static}>:${t}>)
    target_include_directories(kg_dep_${name} SYSTEM INTERFACE
                               $<TARGET_PROPERTY:${t},INTERFACE_INCLUDE_DIRECTORIES>)
  endforeach()
  if(KG_STATIC_DEPS)
    set(paths)
    foreach(file ${ARG_STATIC})
      string(MAKE_C_IDENTIFIER "KG_A_${file}" var)
      kg_find_archive(${var} ${file})
      list(APPEND paths ${${var}})
    endforeach()
    foreach(item ${paths} ${ARG_SYSTEM})
      target_link_libraries(kg_dep_${name} INTERFACE $<${static}:${item}>)
    endforeach()
  endif()
endfunction()

find_package(OpenSSL REQUIRED COMPONENTS Crypto)
find_package(ICU REQUIRED COMPONENTS uc)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET GLOBAL re2)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET GLOBAL libzstd)
pkg_check_modules(READLINE REQUIRED IMPORTED_TARGET GLOBAL readline)

kg_dependency(rocksdb SHARED RocksDB::rocksdb-shared
  STATIC librocksdb.a libsnappy.a liblz4.a libzstd.a libbz2.a libz.a
  SYSTEM Threads::Threads ${CMAKE_DL_LIBS})
kg_dependency(capnp SHARED CapnProto::capnp STATIC libcapnp.a libkj.a SYSTEM Threads::Threads)
kg_dependency(capnp_rpc SHARED CapnProto::capnp-rpc
  STATIC libcapnp-rpc.a libcapnp.a libkj-async.a libkj.a SYSTEM Threads::Threads)
kg_dependency(re2 SHARED PkgConfig::RE2 STATIC libre2.a SYSTEM Threads::Threads)
kg_dependency(crypto SHARED OpenSSL::Crypto STATIC libcrypto.a SYSTEM Threads::Threads ${CMAKE_DL_LIBS})
kg_dependency(icu SHARED ICU::uc STATIC libicuuc.a libicudata.a SYSTEM ${CMAKE_DL_LIBS})
kg_dependency(zstd SHARED PkgConfig::ZSTD STATIC libzstd.a)
kg_dependency(readline SHARED PkgConfig::READLINE STATIC libreadline.a libtinfo.a)
