#ifndef GOMEMREPORT_CMARK_SHIM_H
#define GOMEMREPORT_CMARK_SHIM_H
#include <cmark.h>
#endif
