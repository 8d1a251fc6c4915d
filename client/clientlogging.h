// The client's diagnostics category (info and up by default); more with
// QT_LOGGING_RULES="sockethub.client.debug=true".
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcClient)
