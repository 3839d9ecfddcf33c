#ifndef GOMEMREPORT_CZLIB_SHIM_H
#define GOMEMREPORT_CZLIB_SHIM_H
#include <zlib.h>
#endif
