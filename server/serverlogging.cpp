#include "serverlogging.h"

Q_LOGGING_CATEGORY(lcServer, "sockethub.server", QtInfoMsg)
