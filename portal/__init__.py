"""The caseworker portal: a small Sanic web app to read and export stored profiles.

Start it with ``portal.app.serve(settings)``; build it for tests with ``create_app``.
"""
