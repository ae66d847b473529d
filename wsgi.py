from motions import create_app

app = create_app()
