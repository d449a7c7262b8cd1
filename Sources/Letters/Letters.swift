import DeskCore
