# Flags shared by every ApiDojo target, kept in one INTERFACE target instead of global definitions.
add_library(apidojo_flags INTERFACE)

target_compile_definitions(apidojo_flags INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    APIDOJO_VERSION="${PROJECT_VERSION}")

if(WIN32)
    # <winsock2.h> (halfclose.cpp, resetconnection.cpp, writenow.cpp) pulls in <windows.h>, whose
    # min/max macros break std::numeric_limits<int>::max() and std::min/std::max.
    target_compile_definitions(apidojo_flags INTERFACE NOMINMAX WIN32_LEAN_AND_MEAN)
endif()

if(MSVC)
    # /utf-8: the sources are UTF-8 and several tr()/u""_s literals hold non-ASCII text ("·", "…",
    # "●"); without it MSVC reads them in the ANSI code page. /Zc:__cplusplus and /permissive-
    # are what Qt 6 expects of MSVC (Qt's own targets add them too; repeating them is harmless).
    target_compile_options(apidojo_flags INTERFACE /W4 /permissive- /utf-8 /Zc:__cplusplus)
    if(APIDOJO_WARNINGS_AS_ERRORS)
        target_compile_options(apidojo_flags INTERFACE /WX)
    endif()
    if(APIDOJO_SANITIZE)
        message(FATAL_ERROR "APIDOJO_SANITIZE (ASan + UBSan) is for GCC and Clang; MSVC has no UBSan.")
    endif()
else()
    # GCC and Clang (AppleClang included).
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
endif()
