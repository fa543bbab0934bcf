// ingresskit's C++ API in one include. Source-compatible only; the stable
// binary interface is the C header <ingresskit.h>.
#ifndef INGRESSKIT_INGRESSKIT_H_
#define INGRESSKIT_INGRESSKIT_H_

#include "ingresskit/diagnostics.h"
#include "ingresskit/diff.h"
#include "ingresskit/explain.h"
#include "ingresskit/gateway.h"
#include "ingresskit/generate.h"
#include "ingresskit/limits.h"
#include "ingresskit/lint.h"
#include "ingresskit/migrate.h"
#include "ingresskit/model.h"
#include "ingresskit/options.h"
#include "ingresskit/parse.h"
#include "ingresskit/route_table.h"
#include "ingresskit/route_tests.h"
#include "ingresskit/validate.h"
#include "ingresskit/version.h"

#endif  // INGRESSKIT_INGRESSKIT_H_
