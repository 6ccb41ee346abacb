/*
 * folio/folio.h: everything, for programs that use folio as a library.
 * Plugins need only folio/plugin.h, folio/node.h and folio/meta.h.
 */
#ifndef FOLIO_FOLIO_H
#define FOLIO_FOLIO_H

#include <folio/version.h>
#include <folio/error.h>
#include <folio/doc.h>
#include <folio/node.h>
#include <folio/meta.h>
#include <folio/options.h>
#include <folio/sink.h>
#include <folio/plugin.h>
#include <folio/registry.h>
#include <folio/io.h>
#include <folio/text.h>
#include <folio/batch.h>

#endif
