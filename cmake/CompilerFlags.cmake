# Flags shared by every ApiDojo target, kept in one INTERFACE target instead of global definitions.
add_library(apidojo_flags INTERFACE)

target_compile_definitions(apidojo_flags INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    APIDOJO_VERSION="${PROJECT_VERSION}")

target_compile_options(apidojo_flags INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wnull-dereference)

if(APIDOJO_WARNINGS_AS_ERRORS)
    target_compile_options(apidojo_flags INTERFACE -Werror)
endif()

if(APIDOJO_SANITIZE)
    target_compile_options(apidojo_flags INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(apidojo_flags INTERFACE -fsanitize=address,undefined)
endif()
