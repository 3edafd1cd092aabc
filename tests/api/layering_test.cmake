# The session layer is the only way in: fails when a file of a front (cli/,
# server/) includes a header of the engine below the session (query/ or
# storage/). Inputs: KG_SOURCE_DIR.
set(checked 0)
set(offenders "")
foreach(front cli server)
  file(GLOB_RECURSE files ${KG_SOURCE_DIR}/${front}/*.h ${KG_SOURCE_DIR}/${front}/*.cc)
  foreach(file ${files})
    math(EXPR checked "${checked} + 1")
    file(STRINGS ${file} includes REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<](query|storage)/")
    foreach(line ${includes})
      file(RELATIVE_PATH rel ${KG_SOURCE_DIR} ${file})
      string(APPEND offenders "\n  ${rel}: ${line}")
    endforeach()
  endforeach()
endforeach()
# A glob that found nothing would pass vacuously.
if(checked LESS 10)
  message(FATAL_ERROR "layering: only ${checked} files found under cli/ and server/")
endif()
if(offenders)
  message(FATAL_ERROR "cli/ and server/ must reach the engine through api/session.h only; "
                      "these include query/ or storage/ headers:${offenders}")
endif()
message(STATUS "layering: ${checked} files of cli/ and server/ include no query/ or storage/ header")
