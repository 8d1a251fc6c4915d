#include "clientlogging.h"

Q_LOGGING_CATEGORY(lcClient, "sockethub.client", QtInfoMsg)
