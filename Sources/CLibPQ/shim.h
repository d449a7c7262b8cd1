#ifndef DSAR_CLIBPQ_SHIM_H
#define DSAR_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
