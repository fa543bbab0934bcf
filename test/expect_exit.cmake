# Runs COMMAND with the arguments after `--` and fails unless it exits with
# EXPECT: for commands whose exit statuses mean different things.
set(_args)
set(_after FALSE)
math(EXPR _last "${CMAKE_ARGC} - 1")
foreach(_i RANGE ${_last})
  if(_after)
    list(APPEND _args "${CMAKE_ARGV${_i}}")
  elseif("${CMAKE_ARGV${_i}}" STREQUAL "--")
    set(_after TRUE)
  endif()
endforeach()
execute_process(COMMAND ${COMMAND} ${_args} RESULT_VARIABLE _status
  OUTPUT_QUIET ERROR_QUIET)
if(NOT "${_status}" STREQUAL "${EXPECT}")
  message(FATAL_ERROR "exit status ${_status}, expected ${EXPECT}")
endif()
