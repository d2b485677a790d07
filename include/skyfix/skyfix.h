/* SPDX-License-Identifier: BSD-2-Clause */
/* skyfix: umbrella header. */
#ifndef SKYFIX_SKYFIX_H
#define SKYFIX_SKYFIX_H
#include "skyfix/common.h"
#include "skyfix/error.h"
#include "skyfix/ctx.h"
#include "skyfix/time.h"
#include "skyfix/sat.h"
#include "skyfix/signal.h"
#include "skyfix/coord.h"
#include "skyfix/obs.h"
#include "skyfix/nav.h"
#include "skyfix/rinex.h"
#include "skyfix/orbit.h"
#include "skyfix/sp3.h"
#include "skyfix/solution.h"
#include "skyfix/model.h"
#include "skyfix/spp.h"
#include "skyfix/sim.h"
#include "skyfix/rinexw.h"
#include "skyfix/out.h"
#define SKYFIX_VERSION "0.1.0"
#endif
