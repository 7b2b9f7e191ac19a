//===- AotLibraryInit.cpp - run when an AOT library is loaded -------------===//
//
// Linked whole into every shared object kiln-compile writes that calls
// libomp (see compileSharedObject), with hidden symbols.
//
//===----------------------------------------------------------------------===//

#include "OpenMPEnvironment.h"

__attribute__((constructor)) static void kilnAotLibraryLoaded() { kiln_set_openmp_environment(); }
