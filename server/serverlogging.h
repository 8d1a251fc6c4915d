// The server's diagnostics category: QT_LOGGING_RULES="sockethub.server.debug=true".
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcServer)
