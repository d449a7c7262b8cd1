print("dsar")
