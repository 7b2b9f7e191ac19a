# kiln_tablegen_doc(NAME.md <mlir-tblgen flags>): the reference mlir-tblgen
# writes from LLVM_TARGET_DEFINITIONS (an op or pass ODS file), copied to
# build/docs/NAME.md and built by default.
function(kiln_tablegen_doc file)
  mlir_tablegen(${file} ${ARGN})
  add_custom_command(OUTPUT ${PROJECT_BINARY_DIR}/docs/${file}
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${CMAKE_CURRENT_BINARY_DIR}/${file}
            ${PROJECT_BINARY_DIR}/docs/${file}
    DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/${file})
  get_filename_component(name ${file} NAME_WE)
  add_custom_target(${name}Doc ALL DEPENDS ${PROJECT_BINARY_DIR}/docs/${file})
endfunction()
